namespace DataPrep.Pipeline;

/// <summary>
/// Registers a stage class under a config name. The class needs a public constructor taking its
/// options record, optionally followed by a <see cref="StageBuildContext"/>. Its public static
/// <see cref="RejectionReason"/> fields and properties are its declared rejection reasons.
/// DataPrep's own stages and those of assemblies named under <c>plugins:</c> are found by this attribute.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StageAttribute : Attribute
{
    /// <summary>Registers the class under <paramref name="name"/> with options of type <paramref name="optionsType"/>.</summary>
    public StageAttribute(string name, Type optionsType)
    {
        Name = name;
        OptionsType = optionsType;
    }

    /// <summary>Config name, PascalCase, no role suffix (<c>GopherQuality</c>, <c>MinHashDedup</c>).</summary>
    public string Name { get; }

    /// <summary>The options record; its property names and defaults are the config contract.</summary>
    public Type OptionsType { get; }

    /// <summary>One sentence on what the stage does, shown by <c>dataprep stages</c>.</summary>
    public string Description { get; init; } = "";

    /// <summary>Where the stage sits in the paper's order: 0 normalise, 1 quality, 2 dedup, 3 PII, 4 tokenization, 9 other.</summary>
    public int Family { get; init; } = 9;
}
