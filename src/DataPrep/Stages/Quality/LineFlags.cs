namespace DataPrep.Stages.Quality;

/// <summary>Per-line facts the quality rules share.</summary>
[Flags]
internal enum LineFlags : byte
{
    None = 0,
    Terminal = 1,
    EndsWithEllipsis = 2,
    StartsWithBullet = 4,
    HasLongWord = 8,
    NewParagraph = 16,
}
