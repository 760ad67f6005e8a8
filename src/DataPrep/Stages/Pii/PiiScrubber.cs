using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DataPrep.Documents;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Pii;

/// <summary>
/// Finds personal data and secrets (e-mail, phone numbers, Korean RRN/FRN/BRN, payment cards, public IP addresses,
/// API keys and other secrets, and — next to their keywords — passport, driver's licence and bank account numbers)
/// and replaces each match by its type's tag (default), a format-keeping mask, or a salted-hash pseudonym; or rejects
/// the document when a type's action is <c>reject</c> or the count/density limits are exceeded.
/// Counters per type: <c>&lt;type&gt;.found</c> and <c>&lt;type&gt;.replaced</c>; plus <c>docs.with_pii</c>.
/// Rejections are <see cref="RejectionReason.Sensitive"/>, and no value ever reaches logs or rejection details.
/// </summary>
/// <remarks>
/// Step 3 of the paper's order (quality → dedup → PII → tokenization). Peers cover e-mail and IP (datatrove, data-juicer)
/// or US-centric Presidio entities (anchors.md §1.2); the Korean formats, checksums and context rules follow korean.md §1,
/// the secret shapes gitleaks (korean.md §2.1). The Polyglot-Ko preset writes its vocabulary tokens <c>&lt;|tel|&gt;</c>,
/// <c>&lt;|rrn|&gt;</c>, <c>&lt;|acc|&gt;</c>. Every detector is a linear-time scanner over vectorised searches.
/// </remarks>
[Stage("PiiScrub", typeof(PiiScrubOptions), Family = 3,
    Description = "Replaces e-mails, phone numbers, Korean RRN/FRN/BRN, cards, public IPs, API keys and secrets with tags, masks or hashes.")]
public sealed class PiiScrubber : DocumentStage
{
    /// <summary>The document has more PII matches than <c>maxPiiCount</c>.</summary>
    public static readonly RejectionReason TooMany = new(
        "pii.scrub.too_many", "More PII matches than maxPiiCount.", Sensitive: true);

    /// <summary>The document has more PII matches per 1,000 characters than <c>maxPiiPer1000Chars</c>.</summary>
    public static readonly RejectionReason TooDense = new(
        "pii.scrub.too_dense", "More PII matches per 1,000 characters than maxPiiPer1000Chars.", Sensitive: true);

    /// <summary>The document contains a type whose action is <c>reject</c>.</summary>
    public static readonly RejectionReason ForbiddenType = new(
        "pii.scrub.forbidden_type", "Contains a PII type whose action is reject.", Sensitive: true);

    /// <summary>Counter of documents with at least one match.</summary>
    public const string DocsWithPii = "docs.with_pii";

    [ThreadStatic]
    private static List<PiiMatch>? t_matches;

    [ThreadStatic]
    private static List<PiiMatch>? t_scratch;

    [ThreadStatic]
    private static StringBuilder? t_builder;

    private readonly PiiScrubOptions _options;
    private readonly PiiScanner _scanner;
    private readonly PiiAction[] _actions = new PiiAction[PiiTypes.Count];
    private readonly string[] _tags = new string[PiiTypes.Count];
    private readonly byte[] _salt;
    private readonly char _mask;

    /// <summary>Creates the stage.</summary>
    /// <exception cref="ArgumentException">The options are invalid (see <see cref="PiiScrubOptions.Validate"/>).</exception>
    public PiiScrubber(PiiScrubOptions options)
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(
                "Invalid PiiScrub options: " + string.Join("; ", problems.Select(p => $"{p.Property} {p.Message}")), nameof(options));
        }
        _options = options;
        foreach (var type in PiiTypes.All)
        {
            _actions[(int)type] = options.ActionFor(type);
            _tags[(int)type] = options.TagFor(type);
        }
        _scanner = new PiiScanner(
            PiiScanner.DefaultDetectors(options.IncludePrivateIps), PiiTypes.All.Where(options.IsEnabled));
        _salt = Encoding.UTF8.GetBytes(options.HashSalt ?? "");
        _mask = options.MaskCharacter[0];
    }

    /// <summary>Creates the stage with every default.</summary>
    public PiiScrubber()
        : this(new PiiScrubOptions())
    {
    }

    /// <inheritdoc />
    public override string Id => "pii.scrub";

    /// <summary>The options in effect.</summary>
    public PiiScrubOptions Options => _options;

    /// <inheritdoc />
    protected override Verdict Evaluate(Document document, StageContext context)
    {
        var stats = context.Stats;
        // The characters are shared with the quality stages (decoded once per document, no string): most documents
        // have no PII and leave this stage as the UTF-8 they arrived in.
        var text = DocumentChars.Of(document).Span;
        var matches = t_matches ??= new List<PiiMatch>();
        var scratch = t_scratch ??= new List<PiiMatch>();
        _scanner.Scan(text, matches, scratch);
        if (matches.Count == 0)
        {
            return Verdict.Keep;
        }
        stats.Increment(DocsWithPii);
        Span<int> counts = stackalloc int[PiiTypes.Count];
        foreach (var match in matches)
        {
            counts[(int)match.Type]++;
        }
        for (var t = 0; t < PiiTypes.Count; t++)
        {
            if (counts[t] > 0)
            {
                stats.Increment(PiiTypes.FoundKey((PiiType)t), counts[t]);
            }
        }
        for (var t = 0; t < PiiTypes.Count; t++)
        {
            if (counts[t] > 0 && _actions[t] == PiiAction.Reject)
            {
                return Verdict.Reject(ForbiddenType, $"type={PiiTypes.Name((PiiType)t)} count={counts[t]}");
            }
        }
        if (_options.MaxPiiCount > 0 && matches.Count > _options.MaxPiiCount)
        {
            return Verdict.Reject(TooMany, $"pii={matches.Count}>{_options.MaxPiiCount}");
        }
        if (_options.MaxPiiPer1000Chars > 0)
        {
            var density = matches.Count * 1000.0 / Math.Max(1, text.Length);
            if (density > _options.MaxPiiPer1000Chars)
            {
                return Verdict.Reject(TooDense, string.Create(CultureInfo.InvariantCulture,
                    $"pii_per_1000_chars={density:0.##}>{_options.MaxPiiPer1000Chars}"));
            }
        }
        if (Replace(text, matches, counts) is { } scrubbed)
        {
            document.Text = scrubbed;
        }
        for (var t = 0; t < PiiTypes.Count; t++)
        {
            if (counts[t] > 0)
            {
                stats.Increment(PiiTypes.ReplacedKey((PiiType)t), counts[t]);
            }
        }
        return Verdict.Keep;
    }

    /// <summary>Scrubs one text with this stage's settings, ignoring the reject limits (for tools and tests).</summary>
    public string Scrub(string text)
    {
        var matches = new List<PiiMatch>();
        _scanner.Scan(text, matches, new List<PiiMatch>());
        Span<int> counts = stackalloc int[PiiTypes.Count];
        return matches.Count == 0 ? text : Replace(text, matches, counts) ?? text;
    }

    /// <summary>Rewrites the matches, or gives null when every match is kept as it is; <paramref name="replaced"/> ends up
    /// holding the per-type count of rewritten spans.</summary>
    private string? Replace(ReadOnlySpan<char> text, List<PiiMatch> matches, Span<int> replaced)
    {
        replaced.Clear();
        var builder = t_builder ??= new StringBuilder();
        builder.Clear();
        var position = 0;
        foreach (var match in matches)
        {
            var action = _actions[(int)match.Type];
            if (action == PiiAction.Keep)
            {
                continue;
            }
            builder.Append(text[position..match.Start]);
            var value = text.Slice(match.Start, match.Length);
            switch (action)
            {
                case PiiAction.Mask:
                    foreach (var c in value)
                    {
                        builder.Append(char.IsLetterOrDigit(c) ? _mask : c);
                    }
                    break;
                case PiiAction.Hash:
                    AppendPseudonym(builder, _tags[(int)match.Type], match.Type, value);
                    break;
                default:
                    builder.Append(_tags[(int)match.Type]);
                    break;
            }
            replaced[(int)match.Type]++;
            position = match.End;
        }
        if (position == 0)
        {
            return null;
        }
        builder.Append(text[position..]);
        var result = builder.ToString();
        if (builder.Capacity > 1 << 20)
        {
            t_builder = null; // do not pin a huge buffer to the thread
        }
        return result;
    }

    /// <summary>Writes the tag with a 10-hex-digit HMAC-SHA256 pseudonym inside: <c>&lt;EMAIL:1f2e3d4c5b&gt;</c>,
    /// <c>&lt;|tel:1f2e3d4c5b|&gt;</c>. The value is canonicalised first (separators dropped, ASCII lower-cased,
    /// full-width digits folded) so <c>010-1234-5678</c> and <c>01012345678</c> share a pseudonym.</summary>
    private void AppendPseudonym(StringBuilder builder, string tag, PiiType type, ReadOnlySpan<char> value)
    {
        var name = PiiTypes.Name(type);
        var maxBytes = Encoding.UTF8.GetMaxByteCount(value.Length + name.Length + 1);
        var rented = maxBytes > 1024 ? ArrayPool<byte>.Shared.Rent(maxBytes) : null;
        Span<byte> input = rented ?? stackalloc byte[1024];
        var n = Encoding.UTF8.GetBytes(name, input);
        input[n++] = (byte)':';
        Span<char> one = stackalloc char[1];
        foreach (var c in value)
        {
            var digit = PiiChars.Digit(c);
            if (digit >= 0)
            {
                input[n++] = (byte)('0' + digit);
            }
            else if (char.IsLetterOrDigit(c))
            {
                one[0] = char.ToLowerInvariant(c);
                n += Encoding.UTF8.GetBytes(one, input[n..]);
            }
        }
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(_salt, input[..n], hash);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
        var hex = Convert.ToHexStringLower(hash[..5]);
        if (tag.EndsWith("|>", StringComparison.Ordinal))
        {
            builder.Append(tag, 0, tag.Length - 2).Append(':').Append(hex).Append("|>");
        }
        else if (tag.EndsWith('>'))
        {
            builder.Append(tag, 0, tag.Length - 1).Append(':').Append(hex).Append('>');
        }
        else
        {
            builder.Append(tag).Append(tag.Length > 0 ? ":" : "").Append(hex);
        }
    }
}
