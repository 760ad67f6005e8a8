namespace DataPrep.IO.Readers;

/// <summary>Picks the reader for a file from the configured format and the file name.</summary>
public static class DocumentReaders
{
    /// <summary>The reader for <paramref name="file"/>.</summary>
    public static IDocumentReader For(InputFile file, InputFormat configured) => InputFiles.Detect(file.Path, configured) switch
    {
        InputFormat.Parquet => new ParquetDocumentReader(),
        InputFormat.Text => new TextDocumentReader(),
        _ => new JsonlDocumentReader(),
    };
}
