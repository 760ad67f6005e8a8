namespace DataPrep.IO.Writers;

/// <summary>
/// Where a <see cref="JsonlDocumentWriter"/> stood at a block boundary: the parts it has closed, the part it is
/// writing and how much JSON that part holds (what part rotation counts), so a resumed run goes on exactly where the
/// checkpoint was taken and writes the same parts as an uninterrupted run.
/// </summary>
/// <param name="ClosedParts">Parts that reached the size limit, in order (not yet renamed into place).</param>
/// <param name="OpenPart">The part being written, or null when the next block starts a new part.</param>
/// <param name="Part">Number of the open (or next) part.</param>
/// <param name="OpenPartJsonBytes">Uncompressed JSON bytes in the open part.</param>
/// <param name="Documents">Documents written so far.</param>
internal sealed record DocumentWriterCheckpoint(IReadOnlyList<FileCheckpoint> ClosedParts, FileCheckpoint? OpenPart, int Part, long OpenPartJsonBytes,
    long Documents)
{
    /// <summary>Every file the checkpoint refers to.</summary>
    public IEnumerable<FileCheckpoint> Files => OpenPart is { } open ? [.. ClosedParts, open] : ClosedParts;
}
