namespace TargetVision.Testing;

public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Frontend => Path.Combine(Root, "frontend");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TargetVision.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Repository root (TargetVision.slnx) not found above " + AppContext.BaseDirectory);
    }
}
