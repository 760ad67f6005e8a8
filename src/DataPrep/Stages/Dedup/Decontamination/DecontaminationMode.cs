namespace DataPrep.Stages.Dedup.Decontamination;

/// <summary>What <see cref="DecontaminationStage"/> does to a document that shares an n-gram with a benchmark.</summary>
public enum DecontaminationMode
{
    /// <summary>Reject the whole document (the default, as GPT-3 and datatrove do).</summary>
    Remove,

    /// <summary>Cut the matching spans out and keep the rest, unless too little is left (as NeMo Curator does, without its ±200-character margin).</summary>
    Cut,
}
