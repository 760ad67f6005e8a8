namespace DataPrep.Benchmarks;

/// <summary>Locates the shared corpora from the repository root (read in place).</summary>
public static class BenchPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Corpus(string fileName) =>
        Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "corpora", fileName));

    public static string Tokenizers => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "tokenizers"));

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DataPrep.sln")))
        {
            directory = directory.Parent;
        }
        directory ??= new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DataPrep.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("DataPrep.sln not found.");
    }
}
