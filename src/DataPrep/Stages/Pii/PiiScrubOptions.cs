using System.ComponentModel;
using DataPrep.Configuration;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Pii;

/// <summary>
/// Options of <see cref="PiiScrubber"/> (config name <c>PiiScrub</c>). By default every type is detected and replaced
/// with its tag (<c>&lt;EMAIL&gt;</c>, <c>&lt;PHONE&gt;</c>, …), only public IP addresses count, and no document is rejected.
/// </summary>
public sealed record PiiScrubOptions : IValidatableOptions
{
    /// <summary>Tag family: <c>default</c> (<c>&lt;EMAIL&gt;</c>, <c>&lt;PHONE&gt;</c>, …) or <c>polyglotKo</c> (<c>&lt;|tel|&gt;</c>, <c>&lt;|rrn|&gt;</c>, <c>&lt;|acc|&gt;</c>, …).</summary>
    [Description("Tag family: default (<EMAIL>, <PHONE>, ...) or polyglotKo (<|tel|>, <|rrn|>, <|acc|>, ...).")]
    public PiiTagPreset Preset { get; init; } = PiiTagPreset.Default;

    /// <summary>Action for every type that does not set its own. Default <see cref="PiiAction.Tag"/>.</summary>
    [Description("Action for types that do not set one: tag | mask | hash | reject | keep.")]
    public PiiAction Action { get; init; } = PiiAction.Tag;

    /// <summary>E-mail addresses.</summary>
    [Description("E-mail addresses.")]
    public PiiTypeOptions? Email { get; init; }

    /// <summary>Phone numbers (Korean, +82, E.164, North American).</summary>
    [Description("Phone numbers: Korean mobile/landline/VoIP/representative, +82, E.164, North American.")]
    public PiiTypeOptions? Phone { get; init; }

    /// <summary>Resident registration numbers (주민등록번호).</summary>
    [Description("Resident registration numbers (주민등록번호).")]
    public PiiTypeOptions? Rrn { get; init; }

    /// <summary>Foreigner registration numbers (외국인등록번호).</summary>
    [Description("Foreigner registration numbers (외국인등록번호).")]
    public PiiTypeOptions? Frn { get; init; }

    /// <summary>Business registration numbers (사업자등록번호, checksum-valid).</summary>
    [Description("Business registration numbers (사업자등록번호), checksum-valid.")]
    public PiiTypeOptions? Brn { get; init; }

    /// <summary>Payment card numbers (Luhn and issuer prefix).</summary>
    [Description("Payment card numbers (Luhn + issuer prefix).")]
    public PiiTypeOptions? Card { get; init; }

    /// <summary>IPv4 and IPv6 addresses (public only unless <see cref="IncludePrivateIps"/>).</summary>
    [Description("IPv4/IPv6 addresses (public only unless includePrivateIps).")]
    public PiiTypeOptions? Ip { get; init; }

    /// <summary>API keys, tokens, private key blocks and secret assignments.</summary>
    [Description("API keys, tokens, JWTs, private key blocks and key/secret/token/password assignments.")]
    public PiiTypeOptions? Key { get; init; }

    /// <summary>Passport numbers next to a passport keyword.</summary>
    [Description("Korean passport numbers next to a passport keyword.")]
    public PiiTypeOptions? Passport { get; init; }

    /// <summary>Driver's licence numbers next to a licence keyword.</summary>
    [Description("Korean driver's licence numbers next to a licence keyword.")]
    public PiiTypeOptions? DriverLicense { get; init; }

    /// <summary>Bank account numbers next to a banking keyword.</summary>
    [Description("Bank account numbers next to a banking keyword.")]
    public PiiTypeOptions? BankAccount { get; init; }

    /// <summary>Secret for the <see cref="PiiAction.Hash"/> pseudonyms (HMAC-SHA256 key). Required when any type hashes;
    /// use the same salt on every shard of a run so a value gets one pseudonym everywhere.</summary>
    [Description("HMAC key for hash pseudonyms; required when any type uses hash. Same salt => same pseudonym.")]
    public string? HashSalt { get; init; }

    /// <summary>Character that replaces letters and digits under <see cref="PiiAction.Mask"/>. Default <c>*</c>.</summary>
    [Description("Single character that replaces letters and digits under mask.")]
    public string MaskCharacter { get; init; } = "*";

    /// <summary>Reject documents with more matches than this (all enabled types together); 0 = no limit (default).</summary>
    [Description("Reject documents with more PII matches than this; 0 = no limit.")]
    public int MaxPiiCount { get; init; }

    /// <summary>Reject documents with more matches per 1,000 characters than this; 0 = no limit (default).</summary>
    [Description("Reject documents with more PII matches per 1,000 characters than this; 0 = no limit.")]
    public double MaxPiiPer1000Chars { get; init; }

    /// <summary>Also treat private, loopback, link-local and documentation IP addresses as PII. Default false (public only, as datatrove).</summary>
    [Description("Also scrub private/loopback/link-local/documentation IP addresses (default: public only).")]
    public bool IncludePrivateIps { get; init; }

    /// <summary>The settings of one type as written in the config (null when absent).</summary>
    public PiiTypeOptions? For(PiiType type) => type switch
    {
        PiiType.Email => Email,
        PiiType.Phone => Phone,
        PiiType.Rrn => Rrn,
        PiiType.Frn => Frn,
        PiiType.Brn => Brn,
        PiiType.Card => Card,
        PiiType.Ip => Ip,
        PiiType.Key => Key,
        PiiType.Passport => Passport,
        PiiType.DriverLicense => DriverLicense,
        PiiType.BankAccount => BankAccount,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Whether a type is detected.</summary>
    public bool IsEnabled(PiiType type) => For(type)?.Enabled ?? true;

    /// <summary>The effective action of a type.</summary>
    public PiiAction ActionFor(PiiType type) => For(type)?.Action ?? Action;

    /// <summary>The effective tag of a type.</summary>
    public string TagFor(PiiType type) => For(type)?.Tag ?? PiiTypes.Tag(type, Preset);

    /// <inheritdoc />
    public IEnumerable<OptionProblem> Validate()
    {
        if (MaskCharacter is null || MaskCharacter.Length != 1)
        {
            yield return new OptionProblem("maskCharacter", $"must be exactly one character (got {MaskCharacter?.Length ?? 0}).");
        }
        if (MaxPiiCount < 0)
        {
            yield return new OptionProblem("maxPiiCount", $"must be 0 (no limit) or more (got {MaxPiiCount}).");
        }
        if (MaxPiiPer1000Chars < 0 || double.IsNaN(MaxPiiPer1000Chars))
        {
            yield return new OptionProblem("maxPiiPer1000Chars", $"must be 0 (no limit) or more (got {MaxPiiPer1000Chars}).");
        }
        var hashing = new List<string>();
        foreach (var type in PiiTypes.All)
        {
            if (IsEnabled(type) && ActionFor(type) == PiiAction.Hash)
            {
                hashing.Add(PiiTypes.Name(type));
            }
        }
        if (hashing.Count > 0 && string.IsNullOrEmpty(HashSalt))
        {
            yield return new OptionProblem("hashSalt",
                $"is required because {string.Join(", ", hashing)} use the hash action; set a secret salt shared by all shards of the run.");
        }
        if (PiiTypes.All.All(t => !IsEnabled(t)))
        {
            yield return new OptionProblem("", "every PII type is disabled; enable at least one or remove the stage.");
        }
    }
}
