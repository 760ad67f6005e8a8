namespace DataPrep.Tests.Support;

/// <summary>Paths of the repository and of the shared corpora (read in place, never copied).</summary>
public static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Corpora => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "corpora"));

    public static string Tokenizers => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "tokenizers"));

    public static string Corpus(string fileName) => Path.Combine(Corpora, fileName);

    public static string SampleData => Path.Combine(RepositoryRoot, "sample-data");

    public static string Configs => Path.Combine(RepositoryRoot, "configs");

    /// <summary>A new empty folder under the system temp folder.</summary>
    public static string NewTempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "dataprep-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DataPrep.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("DataPrep.sln not found above the test folder.");
    }
}
