namespace FakeSmugMug.Model;

public sealed class FakeFolder(string nodeId, string name) : FakeNode(nodeId, name)
{
    public List<FakeNode> Children { get; } = [];

    /// <summary>An explicitly chosen cover; when null the first image found below is used.</summary>
    public FakeImage? HighlightImage { get; set; }

    public override string Type => "Folder";
    public override bool HasChildren => Children.Count > 0;

    public IEnumerable<FakeNode> Descendants()
    {
        foreach (var child in Children)
        {
            yield return child;
            if (child is FakeFolder f)
            {
                foreach (var d in f.Descendants())
                {
                    yield return d;
                }
            }
        }
    }
}
