namespace DataPrep.Stages.Pii;

/// <summary>Names, counter keys and default tags of the <see cref="PiiType"/> values.</summary>
public static class PiiTypes
{
    /// <summary>Number of <see cref="PiiType"/> values.</summary>
    public const int Count = (int)PiiType.BankAccount + 1;

    private static readonly string[] Names =
        ["email", "phone", "rrn", "frn", "brn", "card", "ip", "key", "passport", "driver_license", "bank_account"];

    private static readonly string[] DefaultTags =
        ["<EMAIL>", "<PHONE>", "<RRN>", "<FRN>", "<BRN>", "<CARD>", "<IP>", "<KEY>", "<PASSPORT>", "<DRIVER_LICENSE>", "<ACCOUNT>"];

    // Polyglot-Ko added <|acc|>, <|rrn|> and <|tel|> to its vocabulary; the rest follow the same shape.
    private static readonly string[] PolyglotTags =
        ["<|email|>", "<|tel|>", "<|rrn|>", "<|rrn|>", "<|brn|>", "<|crd|>", "<|ip|>", "<|key|>", "<|passport|>", "<|license|>", "<|acc|>"];

    private static readonly string[] FoundKeys = Names.Select(n => n + ".found").ToArray();
    private static readonly string[] ReplacedKeys = Names.Select(n => n + ".replaced").ToArray();

    /// <summary>All types, in declaration order.</summary>
    public static IReadOnlyList<PiiType> All { get; } = Enum.GetValues<PiiType>();

    /// <summary>The lower snake case name used in counters and rejection details (<c>email</c>, <c>driver_license</c>).</summary>
    public static string Name(PiiType type) => Names[(int)type];

    /// <summary>Counter key of matches found: <c>&lt;name&gt;.found</c>.</summary>
    public static string FoundKey(PiiType type) => FoundKeys[(int)type];

    /// <summary>Counter key of matches replaced in kept documents: <c>&lt;name&gt;.replaced</c>.</summary>
    public static string ReplacedKey(PiiType type) => ReplacedKeys[(int)type];

    /// <summary>The tag a preset uses for a type.</summary>
    public static string Tag(PiiType type, PiiTagPreset preset) =>
        preset == PiiTagPreset.PolyglotKo ? PolyglotTags[(int)type] : DefaultTags[(int)type];
}
