using System.Runtime.InteropServices;

namespace DataPrep.Stages.Quality;

/// <summary>A whitespace-separated token: an English word with its punctuation, or a Korean eojeol.
/// The core drops leading and trailing punctuation and symbols.</summary>
[StructLayout(LayoutKind.Auto)]
internal struct WordSpan
{
    public int Start;
    public int Length;
    public int CoreStart;
    public int CoreLength;
    public WordFlags Flags;
}
