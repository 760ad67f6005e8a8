using DataPrep.IO;
using DataPrep.IO.Readers;
using DataPrep.Pipeline;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.IO;

public class InputFilesTests
{
    [Fact]
    public void FoldersGlobsAndFilesExpandToOneSortedListWithoutDuplicates()
    {
        var folder = TestPaths.NewTempDirectory();
        Directory.CreateDirectory(Path.Combine(folder, "a", "deep"));
        foreach (var name in new[] { "b.jsonl.gz", "a/x.jsonl", "a/deep/y.parquet", "a/notes.csv", ".hidden.jsonl" })
        {
            File.WriteAllText(Path.Combine(folder, name), "{}");
        }
        var fromFolder = InputFiles.Expand([folder], "/");
        Assert.Equal(["a/deep/y.parquet", "a/x.jsonl", "b.jsonl.gz"], fromFolder.Select(f => Path.GetRelativePath(folder, f.Path)));
        Assert.Equal([0, 1, 2], fromFolder.Select(f => f.Ordinal));

        var fromGlobs = InputFiles.Expand([Path.Combine(folder, "**/*.jsonl"), Path.Combine(folder, "a/x.jsonl"), Path.Combine(folder, "*.gz")], "/");
        Assert.Equal(["a/x.jsonl", "b.jsonl.gz"], fromGlobs.Select(f => Path.GetRelativePath(folder, f.Path)));
    }

    [Fact]
    public void APathThatMatchesNothingIsAnError()
    {
        var folder = TestPaths.NewTempDirectory();
        Assert.Throws<FileNotFoundException>(() => InputFiles.Expand([Path.Combine(folder, "*.jsonl")], "/"));
        Assert.Throws<FileNotFoundException>(() => InputFiles.Expand([Path.Combine(folder, "missing.jsonl")], "/"));
    }

    [Fact]
    public void AFolderWithoutInputFilesIsAnErrorLikeAGlobThatMatchesNothing()
    {
        var folder = TestPaths.NewTempDirectory();
        var empty = Path.Combine(folder, "empty");
        Directory.CreateDirectory(empty);
        var error = Assert.Throws<FileNotFoundException>(() => InputFiles.Expand([empty], "/"));
        Assert.Contains("is empty", error.Message);

        var other = Path.Combine(folder, "other");
        Directory.CreateDirectory(other);
        File.WriteAllText(Path.Combine(other, "notes.csv"), "a,b");
        File.WriteAllText(Path.Combine(other, ".hidden.jsonl"), "{}");
        error = Assert.Throws<FileNotFoundException>(() => InputFiles.Expand([other], "/"));
        Assert.Contains("holds 2 file(s) but none with an input extension", error.Message);
        Assert.Contains(".jsonl.gz", error.Message);
    }

    [Fact]
    public void PlainTextFilesAreOneDocumentEachAndBadOnesAreReported()
    {
        var folder = TestPaths.NewTempDirectory();
        File.WriteAllText(Path.Combine(folder, "good.txt"), "\uFEFF한 문서 전체가\n하나의 문서입니다.\n");
        File.WriteAllBytes(Path.Combine(folder, "bad.txt"), [0x41, 0xFF, 0x42]);
        File.WriteAllText(Path.Combine(folder, "blank.txt"), "  \n ");
        var sink = new CollectingRejectionSink();
        var context = new InputContext(new InputOptions(), new StageContext("input", ShardSpec.Single, rejections: sink));
        var documents = InputFiles.Expand([folder], "/")
            .SelectMany(f => DocumentReaders.For(f, InputFormat.Auto).Read(f, context, CancellationToken.None)).ToList();
        var document = Assert.Single(documents);
        Assert.Equal("한 문서 전체가\n하나의 문서입니다.\n", document.Text);
        Assert.Equal(["input.empty_file", "input.invalid_utf8"], sink.Items.Select(r => r.Reason.Code).Order());
    }
}
