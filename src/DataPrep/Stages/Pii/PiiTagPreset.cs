namespace DataPrep.Stages.Pii;

/// <summary>Which family of replacement tags <see cref="PiiAction.Tag"/> writes.</summary>
public enum PiiTagPreset
{
    /// <summary><c>&lt;EMAIL&gt;</c>, <c>&lt;PHONE&gt;</c>, <c>&lt;RRN&gt;</c>, <c>&lt;CARD&gt;</c>, <c>&lt;KEY&gt;</c>, …</summary>
    Default,

    /// <summary>Polyglot-Ko's vocabulary tokens: <c>&lt;|tel|&gt;</c>, <c>&lt;|rrn|&gt;</c> (RRN and FRN), <c>&lt;|acc|&gt;</c>,
    /// and the same shape for the rest (<c>&lt;|email|&gt;</c>, <c>&lt;|crd|&gt;</c>, <c>&lt;|key|&gt;</c>, …).</summary>
    PolyglotKo,
}
