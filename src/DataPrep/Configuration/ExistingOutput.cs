namespace DataPrep.Configuration;

/// <summary>What a run does with an output folder that already holds a run (<c>run.json</c>).</summary>
public enum ExistingOutput
{
    /// <summary>Resume it when it is the same run (same world size, stages, input files, sizes and modification
    /// times, and options); refuse, naming what changed, when it is not. The default.</summary>
    Resume,

    /// <summary>Delete the folder and start fresh (<c>--overwrite</c>).</summary>
    Overwrite,

    /// <summary>Keep its finished shards and go on although the input files or options changed (<c>--force-resume</c>);
    /// a change of world size or stages is still refused, because finished shards could not be combined with new ones.</summary>
    ForceResume,
}
