namespace DataPrep.Stages.Quality;

/// <summary>Per-word facts the quality rules share.</summary>
[Flags]
internal enum WordFlags : byte
{
    None = 0,
    HasLetter = 1,
    HasHangul = 2,
    HasLatin = 4,
    HasDigit = 8,
    EnglishStopWord = 16,
    KoreanParticle = 32,
}
