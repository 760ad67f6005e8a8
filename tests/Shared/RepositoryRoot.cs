namespace DataPrep.Tests.Shared;

/// <summary>The repository's root folder (the one holding DataPrep.sln), found from the test binaries upwards.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "DataPrep.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("DataPrep.sln not found above the test folder.");
    }
}
