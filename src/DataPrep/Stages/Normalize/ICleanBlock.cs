namespace DataPrep.Stages.Normalize;

/// <summary>
/// The tests <see cref="Utf8CleanScanner"/> makes on 64 bytes at a time, each byte judged with the two after it (so the
/// two bytes after the block must be readable), with one implementation per vector width: <see cref="CleanBlock512"/>,
/// <see cref="CleanBlock256"/>. Both give the same answers; the scanner is generic over them, so each is compiled inline.
/// </summary>
internal interface ICleanBlock
{
    /// <summary>
    /// Adds to <paramref name="state"/> the cleaning work the block at <paramref name="at"/> holds (a control but the newline,
    /// DEL, a removable or Unicode space character, with <c>CollapseSpaces</c> a space next to a space or line break, and its
    /// line breaks); returns whether the block passes the vector NFC test (true when <paramref name="checkNfc"/> is false).
    /// </summary>
    static abstract bool Scan(ref byte at, ref Utf8CleanScanner.ScanState state, bool checkNfc);

    /// <summary>
    /// The bytes of the block at <paramref name="at"/> that are not ordinary (controls, line breaks, spaces, DEL, lead bytes of
    /// the characters the rules remove or turn into a space), bit k = byte k; <paramref name="spaces"/> gets the spaces.
    /// </summary>
    static abstract ulong NotOrdinary(ref byte at, out ulong spaces);
}
