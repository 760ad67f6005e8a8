using System.Runtime.InteropServices;

namespace DataPrep.Stages.Quality;

/// <summary>A non-blank line, trimmed, with its word and sentence counts.</summary>
[StructLayout(LayoutKind.Auto)]
internal struct LineSpan
{
    public int Start;
    public int Length;
    public int FirstWord;
    public int Words;
    public int Sentences;
    public LineFlags Flags;
}
