namespace DataPrep.Tests.Shared;

/// <summary>
/// The team's shared corpora and tokenizer files, read in place from <c>../shared</c> beside the repository (never copied
/// into it). A clone without that folder still runs every other test: the tests that need it are skipped, by name.
/// </summary>
public static class SharedData
{
    public static string Root { get; } = System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryRoot.Path, "..", "shared"));

    public static string Corpora => System.IO.Path.Combine(Root, "corpora");

    public static string Tokenizers => System.IO.Path.Combine(Root, "tokenizers");

    /// <summary>True when the corpora and tokenizers are there to read.</summary>
    public static bool IsPresent { get; } = Directory.Exists(System.IO.Path.Combine(Root, "corpora"))
        && Directory.Exists(System.IO.Path.Combine(Root, "tokenizers"));

    /// <summary>Why a test that needs the shared folder did not run.</summary>
    public static string SkipReason =>
        $"needs the shared corpora and tokenizers in {Root} (a folder 'shared' beside the repository); not found";
}
