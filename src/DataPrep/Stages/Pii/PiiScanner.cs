namespace DataPrep.Stages.Pii;

/// <summary>
/// Runs a set of detectors over a text and returns non-overlapping matches in text order. Overlaps are resolved
/// deterministically: among overlapping matches the higher <see cref="PiiMatch.Priority"/> wins, then the longer
/// span, then the earlier one (a card number beats the phone number inside it; a PEM block beats the keys in it).
/// Thread-safe; allocation-free once the caller's lists have grown.
/// </summary>
internal sealed class PiiScanner
{
    private readonly IPiiDetector[] _detectors;
    private readonly bool[] _enabled;

    /// <summary>Creates a scanner reporting only the <paramref name="enabledTypes"/> (all types of the detectors when null).</summary>
    public PiiScanner(IEnumerable<IPiiDetector> detectors, IEnumerable<PiiType>? enabledTypes = null)
    {
        _detectors = detectors.ToArray();
        _enabled = new bool[PiiTypes.Count];
        foreach (var type in enabledTypes ?? PiiTypes.All)
        {
            _enabled[(int)type] = true;
        }
        // A detector runs when any type it can report is enabled (the resident-number detector reports RRN and FRN).
        _detectors = _detectors.Where(d => _enabled[(int)d.Type] || (d.Type == PiiType.Rrn && _enabled[(int)PiiType.Frn])).ToArray();
    }

    /// <summary>Every built-in detector: email, phone, RRN/FRN, BRN, card, IP, API keys, JWT, private keys, secret
    /// assignments, passport, driver's licence and bank account.</summary>
    /// <param name="includePrivateIps">Also report private, loopback and other non-public IP addresses.</param>
    public static IReadOnlyList<IPiiDetector> DefaultDetectors(bool includePrivateIps = false) =>
    [
        new EmailDetector(),
        new PhoneNumberDetector(),
        new ResidentNumberDetector(),
        new BusinessNumberDetector(),
        new CreditCardDetector(),
        new IpAddressDetector(includePrivateIps),
        new ApiKeyDetector(),
        new JwtDetector(),
        new PrivateKeyDetector(),
        new SecretAssignmentDetector(),
        new PassportNumberDetector(),
        new DriverLicenseDetector(),
        new BankAccountDetector(),
    ];

    /// <summary>A scanner with every built-in detector and every type enabled.</summary>
    public static PiiScanner CreateDefault() => new(DefaultDetectors());

    /// <summary>Finds the matches in <paramref name="text"/>, appended to <paramref name="result"/> (cleared first) in text order.</summary>
    /// <param name="text">The text to scan.</param>
    /// <param name="result">Receives the non-overlapping matches.</param>
    /// <param name="scratch">A reusable list for raw candidates (cleared first).</param>
    public void Scan(ReadOnlySpan<char> text, List<PiiMatch> result, List<PiiMatch> scratch)
    {
        result.Clear();
        scratch.Clear();
        // One pass finds the runs of digits the number detectors share and which triggers the text has.
        var digitRuns = DigitRunIndex.Begin(text);
        try
        {
            var present = digitRuns.Present;
            foreach (var detector in _detectors)
            {
                var triggers = detector.Triggers;
                if (triggers != PiiTrigger.None && (present & triggers) == 0)
                {
                    continue;
                }
                detector.Detect(text, scratch);
            }
        }
        finally
        {
            digitRuns.End();
        }
        if (scratch.Count == 0)
        {
            return;
        }
        scratch.Sort(static (a, b) =>
        {
            var byStart = a.Start.CompareTo(b.Start);
            if (byStart != 0)
            {
                return byStart;
            }
            var byPriority = b.Priority.CompareTo(a.Priority);
            return byPriority != 0 ? byPriority : b.Length.CompareTo(a.Length);
        });
        foreach (var candidate in scratch)
        {
            if (!_enabled[(int)candidate.Type])
            {
                continue;
            }
            if (result.Count == 0 || candidate.Start >= result[^1].End)
            {
                result.Add(candidate);
                continue;
            }
            var last = result[^1];
            if (candidate.Priority > last.Priority || (candidate.Priority == last.Priority && candidate.Length > last.Length))
            {
                result[^1] = candidate;
            }
        }
    }

    /// <summary>Convenience overload that allocates its lists; for tests and tools, not hot paths.</summary>
    public IReadOnlyList<PiiMatch> Scan(string text)
    {
        var result = new List<PiiMatch>();
        Scan(text, result, new List<PiiMatch>());
        return result;
    }
}
