namespace FakeSmugMug.OAuth;

/// <summary>SmugMug's <c>Access</c> parameter: Public sees public content only, Full sees private albums too.</summary>
public enum AccessLevel
{
    Public,
    Full,
}

/// <summary>SmugMug's <c>Permissions</c> parameter, ordered so that a higher value includes the lower ones.</summary>
public enum PermissionLevel
{
    Read,
    Add,
    Modify,
}

/// <summary>What the account owner granted to the application.</summary>
public sealed record OAuthGrant(AccessLevel Access, PermissionLevel Permissions)
{
    public static OAuthGrant FullModify { get; } = new(AccessLevel.Full, PermissionLevel.Modify);

    public static OAuthGrant Parse(string? access, string? permissions) => new(
        Enum.TryParse<AccessLevel>(access, ignoreCase: true, out var a) ? a : AccessLevel.Public,
        Enum.TryParse<PermissionLevel>(permissions, ignoreCase: true, out var p) ? p : PermissionLevel.Read);
}
