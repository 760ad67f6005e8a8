namespace DataPrep.IO.Readers;

/// <summary>Picks the reader for a file from the configured format and the file name.</summary>
internal static class DocumentReaders
{
    /// <summary>The reader for <paramref name="file"/>; for a file whose name promises a compression its first bytes do
    /// not have, a reader that reports it (<c>input.not_gzip</c>, <c>input.not_zstd</c>) and reads nothing.</summary>
    public static IDocumentReader For(InputFile file, InputFormat configured)
    {
        if (CompressionSignature.Mismatch(file.Path, out var detail) is { } mismatch)
        {
            return new MislabelledFileReader(mismatch, detail);
        }
        return InputFiles.Detect(file.Path, configured) switch
        {
            InputFormat.Parquet => new ParquetDocumentReader(),
            InputFormat.Text => new TextDocumentReader(),
            _ => new JsonlDocumentReader(),
        };
    }
}
