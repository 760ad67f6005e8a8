using DataPrep.IO;
using DataPrep.IO.Writers;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.IO;

public class TemporaryFilesTests
{
    [Fact]
    public void ATemporaryNameIsHiddenBesideItsFinalFileAndNamesIt()
    {
        var final = Path.Combine("/data", "out", "rejected", "p0-rank-00000.jsonl.gz");
        var temporary = TemporaryFiles.PathFor(final);
        Assert.Equal(Path.GetDirectoryName(final), Path.GetDirectoryName(temporary));
        var name = Path.GetFileName(temporary);
        Assert.True(TemporaryFiles.IsTemporary(name));
        Assert.True(TemporaryFiles.IsHidden(name));
        Assert.Equal("p0-rank-00000.jsonl.gz", TemporaryFiles.FinalNameOf(name));
        Assert.NotEqual(temporary, TemporaryFiles.PathFor(final));
        Assert.Null(TemporaryFiles.FinalNameOf("p0-rank-00000.jsonl.gz"));
        Assert.Null(TemporaryFiles.FinalNameOf(".gitignore"));
    }

    [Fact]
    public void SweepRemovesLeftoversItOwnsAndNothingElse()
    {
        var folder = TestPaths.NewTempDirectory();
        Directory.CreateDirectory(Path.Combine(folder, "work", "stage-10-dedup.exact"));
        var mine = TemporaryFiles.PathFor(Path.Combine(folder, "work", "stage-10-dedup.exact", "docs.rank-00001-of-00002.bin"));
        var theirs = TemporaryFiles.PathFor(Path.Combine(folder, "work", "stage-10-dedup.exact", "docs.rank-00000-of-00002.bin"));
        var result = Path.Combine(folder, "rank-00001-00000.jsonl.gz");
        var hiddenButNotTemporary = Path.Combine(folder, ".keep");
        foreach (var path in new[] { mine, theirs, result, hiddenButNotTemporary })
        {
            File.WriteAllText(path, "x");
        }

        Assert.Equal(1, TemporaryFiles.Sweep(folder, (_, name) => name.Contains("rank-00001", StringComparison.Ordinal)));
        Assert.False(File.Exists(mine));
        Assert.True(File.Exists(theirs));

        Assert.Equal(1, TemporaryFiles.Sweep(folder));
        Assert.False(File.Exists(theirs));
        Assert.True(File.Exists(result));
        Assert.True(File.Exists(hiddenButNotTemporary));
    }

    [Fact]
    public void AnAtomicFileIsWrittenUnderTheTemporaryNameUntilCommitted()
    {
        var folder = TestPaths.NewTempDirectory();
        var final = Path.Combine(folder, "stats.json");
        using (var file = new AtomicFile(final))
        {
            file.Stream.WriteByte((byte)'{');
            Assert.False(File.Exists(final));
            Assert.Equal("stats.json", TemporaryFiles.FinalNameOf(Path.GetFileName(file.TempPath)));
        }
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }
}
