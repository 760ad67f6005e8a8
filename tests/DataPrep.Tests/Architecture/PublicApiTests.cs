using DataPrep.Documents;
using PublicApiGenerator;

namespace DataPrep.Tests.Architecture;

/// <summary>
/// The library's public surface is what embedders build on; it changes only on purpose. The approved text lives beside
/// this test; a change writes PublicApi.received.txt next to it, to diff and, if intended, copy over the approved file.
/// </summary>
public sealed class PublicApiTests
{
    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, "tests", "DataPrep.Tests", "Architecture");

    [Fact]
    public void ThePublicApiIsTheApprovedOne()
    {
        var actual = Normalise(typeof(Document).Assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"],
        }));
        var approvedPath = Path.Combine(Folder, "PublicApi.approved.txt");
        var receivedPath = Path.Combine(Folder, "PublicApi.received.txt");
        var approved = File.Exists(approvedPath) ? Normalise(File.ReadAllText(approvedPath)) : "";
        if (actual == approved)
        {
            File.Delete(receivedPath);
            return;
        }
        File.WriteAllText(receivedPath, actual);
        Assert.Fail($"The public API changed. Compare {receivedPath} with {approvedPath}; if the change is intended, copy it over the approved file.");
    }

    private static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() + "\n";
}
