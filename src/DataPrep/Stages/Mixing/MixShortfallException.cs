namespace DataPrep.Stages.Mixing;

/// <summary>A target cannot be met within the epoch caps and <c>allowShortfall</c> is false: the mix stops before
/// writing anything (the CLI exits with 1). The message names each short target and how to fix it.</summary>
internal sealed class MixShortfallException : Exception
{
    /// <summary>Creates the exception for <paramref name="plan"/>.</summary>
    public MixShortfallException(MixPlan plan)
        : base("The mix cannot meet its targets; nothing was written." + Environment.NewLine
            + string.Join(Environment.NewLine, (plan ?? throw new ArgumentNullException(nameof(plan))).Shortfalls.Select(s => "  - " + s)))
    {
        Plan = plan;
    }

    /// <summary>The plan with its shortfalls.</summary>
    public MixPlan Plan { get; }
}
