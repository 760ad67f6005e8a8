namespace DataPrep.IO.Readers;

/// <summary>
/// Where reading an input file can resume at a record boundary: after <paramref name="ByteOffset"/> bytes of its
/// (decompressed) content, which end line <paramref name="Line"/>, with <paramref name="Records"/> records read before.
/// </summary>
/// <param name="FileOrdinal">The file's index in the run's sorted input list.</param>
/// <param name="ByteOffset">Decompressed bytes consumed, up to and including the last line's newline.</param>
/// <param name="Line">Number of the last line consumed (1-based; the next record is on a later line).</param>
/// <param name="Records">Records (non-blank lines) read up to there, so a file that had some is never reported empty.</param>
internal readonly record struct InputPosition(int FileOrdinal, long ByteOffset, long Line, long Records);
