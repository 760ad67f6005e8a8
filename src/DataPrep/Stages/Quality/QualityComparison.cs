namespace DataPrep.Stages.Quality;

/// <summary>When a quality rule's value fails its threshold.</summary>
internal enum QualityComparison
{
    /// <summary>A minimum: the value fails below the threshold (<c>&lt;</c>).</summary>
    Below,

    /// <summary>A maximum: the value fails above the threshold (<c>&gt;</c>).</summary>
    Above,

    /// <summary>The value fails at the threshold or above (<c>&gt;=</c>), e.g. a count of blocklist matches.</summary>
    AtLeast,
}
