namespace DataPrep.Tests.Support;

/// <summary>Paths of the repository and of the shared corpora (read in place, never copied).</summary>
public static class TestPaths
{
    public static string RepositoryRoot => Shared.RepositoryRoot.Path;

    public static string Corpora => SharedData.Corpora;

    public static string Tokenizers => SharedData.Tokenizers;

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
}
