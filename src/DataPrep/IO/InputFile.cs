namespace DataPrep.IO;

/// <summary>One input file and its position in the sorted list of all input files (before sharding).</summary>
/// <param name="Path">Full path.</param>
/// <param name="DisplayPath">The path as shown in ids, rejects and messages (relative to the current folder when inside it).</param>
/// <param name="Ordinal">Index in the sorted list of all input files.</param>
public sealed record InputFile(string Path, string DisplayPath, int Ordinal);
