using System.IO.Compression;

namespace DataPrep.Tests.Support;

/// <summary>Writes the first lines of a shared corpus file (read in place) to a temporary JSONL file: real data shapes
/// at test size, never stored in the repository.</summary>
public static class CorpusSlice
{
    public static string Write(string folder, string corpusFile, int skip, int take, string? name = null)
    {
        var path = Path.Combine(folder, name ?? $"{Path.GetFileNameWithoutExtension(Path.GetFileNameWithoutExtension(corpusFile))}-{skip}-{take}.jsonl");
        using var input = new StreamReader(new GZipStream(File.OpenRead(TestPaths.Corpus(corpusFile)), CompressionMode.Decompress));
        using var output = new StreamWriter(path);
        var line = 0;
        while (input.ReadLine() is { } text && line < skip + take)
        {
            if (line++ >= skip)
            {
                output.Write(text);
                output.Write('\n');
            }
        }
        return path;
    }
}
