using System.Text;

namespace FakeSmugMug.Model;

/// <summary>SmugMug's privacy setting; Private content is only visible to a token with Access=Full.</summary>
public enum Privacy
{
    Public,
    Unlisted,
    Private,
}

/// <summary>A folder or an album in the node tree; NodeID and AlbumKey are different identifiers on SmugMug.</summary>
public abstract class FakeNode
{
    protected FakeNode(string nodeId, string name)
    {
        NodeId = nodeId;
        Name = name;
    }

    public string NodeId { get; }
    public string Name { get; set; }
    public string? UrlNameOverride { get; set; }

    /// <summary>Replaces the generated WebUri (for example with a <c>javascript:</c> URL, to test link handling).</summary>
    public string? WebUriOverride { get; set; }
    public string Description { get; set; } = string.Empty;
    public List<string> Keywords { get; } = [];
    public FakeFolder? Parent { get; internal set; }
    public DateTimeOffset DateAdded { get; set; }
    public DateTimeOffset DateModified { get; set; }
    public Privacy Privacy { get; set; } = Privacy.Public;

    /// <summary>SmugMug also has Password and GrantAccess; the fake uses them only as labels.</summary>
    public string SecurityType { get; set; } = "None";

    public abstract string Type { get; }
    public abstract bool HasChildren { get; }

    public bool IsRoot => Parent is null && this is FakeFolder;

    public string UrlName => UrlNameOverride ?? MakeUrlName(Name, NodeId);

    public string UrlPath
    {
        get
        {
            var parts = new List<string>();
            for (var n = this; n is not null && !n.IsRoot; n = n.Parent)
            {
                parts.Add(n.UrlName);
            }

            parts.Reverse();
            return "/" + string.Join('/', parts);
        }
    }

    /// <summary>Private anywhere up the tree hides everything below, as on SmugMug.</summary>
    public bool IsEffectivelyPrivate
    {
        get
        {
            for (var n = this; n is not null; n = n.Parent)
            {
                if (n.Privacy == Privacy.Private)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public int SortIndex => Parent?.Children.IndexOf(this) ?? 0;

    /// <summary>SmugMug URL names start with a capital and keep only letters, digits and dashes.</summary>
    public static string MakeUrlName(string name, string fallbackId)
    {
        var sb = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        var s = sb.ToString().Trim('-');
        if (s.Length > 60)
        {
            s = s[..60].TrimEnd('-');
        }

        if (s.Length == 0)
        {
            return "n-" + fallbackId;
        }

        return char.ToUpperInvariant(s[0]) + s[1..];
    }
}
