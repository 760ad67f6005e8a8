using DataPrep.Stages.Dedup.Exact;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Stages.Dedup;

public class StreamingExactDedupStageTests
{
    [Fact]
    public void LaterCopiesAreRejectedAsDuplicatesOfTheFirst()
    {
        var result = StageHarness.Run(new StreamingExactDedupStage(new StreamingExactDedupOptions()),
            Some.Document("같은 문장 입니다.", "a"), Some.Document("다른 문장", "b"), Some.Document("같은  문장\n입니다.", "c"));
        Assert.Equal(["a", "b"], result.KeptIds);
        var rejection = Assert.Single(result.Rejections);
        Assert.Equal(("dedup.streaming_exact.duplicate", "c", "a"), (rejection.Reason.Code, rejection.DocumentId, rejection.DuplicateOf));
    }

    [Fact]
    public void PastItsMemoryLimitNewTextsPassAndAreCounted()
    {
        var result = StageHarness.Run(new StreamingExactDedupStage(new StreamingExactDedupOptions { MaxRemembered = 1 }),
            Some.Document("one", "a"), Some.Document("two", "b"), Some.Document("two", "c"), Some.Document("one", "d"));
        Assert.Equal(["a", "b", "c"], result.KeptIds);
        Assert.Equal(2, result.Stats.Get("not_remembered"));
    }
}
