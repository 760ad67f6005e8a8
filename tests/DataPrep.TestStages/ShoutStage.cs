using DataPrep.Documents;
using DataPrep.Pipeline;

namespace DataPrep.TestStages;

/// <summary>A stage that lives outside DataPrep and is loaded through <c>plugins:</c> in tests: upper-cases text and appends marks.</summary>
[Stage("Shout", typeof(ShoutOptions), Description = "Test plugin: upper-cases text.")]
public sealed class ShoutStage(ShoutOptions options) : TransformStage
{
    /// <summary>Rejects documents that say "whisper".</summary>
    public static readonly RejectionReason Whisper = new("test.shout.whisper", "The document whispers.");

    /// <inheritdoc />
    public override string Id => "test.shout";

    /// <inheritdoc />
    protected override string Transform(Document document, StageStats stats)
    {
        stats.Increment("shouted");
        return document.Text.ToUpperInvariant() + new string('!', options.Marks);
    }
}
