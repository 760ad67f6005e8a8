using System.Text;
using DataPrep.Documents;
using DataPrep.Stages.Quality;
using Xunit;

namespace DataPrep.Tests.Documents;

public sealed class DocumentCharsTests
{
    private static Document FromUtf8(string id, string text) => Document.FromUtf8(id, Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Utf8TextIsDecodedWithoutMakingAString()
    {
        var document = FromUtf8("a", "한국어 text");

        Assert.Equal("한국어 text", DocumentChars.Of(document).Span.ToString());
        Assert.Null(document.TextIfString);
    }

    [Fact]
    public void ReplacedTextIsSeenAtOnce()
    {
        var document = FromUtf8("a", "first text");
        Assert.Equal("first text", DocumentChars.Of(document).Span.ToString());

        document.Text = "second";
        Assert.Equal("second", DocumentChars.Of(document).Span.ToString());

        document.Utf8Text = Encoding.UTF8.GetBytes("third one");
        Assert.Equal("third one", DocumentChars.Of(document).Span.ToString());
    }

    [Fact]
    public void AnalysisOfOneDocumentIsRedoneAfterAnotherWasDecodedOnTheSameThread()
    {
        var a = FromUtf8("a", "one two three");
        var b = FromUtf8("b", "four five six seven");

        Assert.Equal(3, DocumentAnalysis.Of(a).WordCount);
        Assert.Equal(4, DocumentAnalysis.Of(b).WordCount);
        var again = DocumentAnalysis.Of(a);

        Assert.Equal(3, again.WordCount);
        Assert.Equal("one two three", again.Text.ToString());
    }

    [Fact]
    public void AnalysisFollowsATextReplacedInPlace()
    {
        var document = FromUtf8("a", "one two three");
        Assert.Equal(3, DocumentAnalysis.Of(document).WordCount);

        document.SetValidUtf8(Encoding.UTF8.GetBytes("one two"));

        Assert.Equal(2, DocumentAnalysis.Of(document).WordCount);
    }
}
