using System.Text;

namespace DataPrep.Benchmarks.Pii;

/// <summary>Sizes texts and builds hostile inputs for the PII benchmarks.</summary>
public static class PiiCorpus
{
    /// <summary>The text field of up to <paramref name="limit"/> records of a gzipped JSONL corpus.</summary>

    /// <summary>UTF-8 size of the texts, what MB/s figures are computed from.</summary>
    public static long Utf8Bytes(IEnumerable<string> texts) => texts.Sum(t => (long)Encoding.UTF8.GetByteCount(t));

    /// <summary>A hostile document of <paramref name="chars"/> characters drawn from <paramref name="kind"/>.</summary>
    public static string Hostile(string kind, int chars)
    {
        var random = new Random(7);
        var builder = new StringBuilder(chars);
        const string base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        while (builder.Length < chars)
        {
            switch (kind)
            {
                case "digits-dashes":
                    builder.Append((char)('0' + random.Next(10)));
                    if (random.Next(4) == 0)
                    {
                        builder.Append('-');
                    }
                    break;
                case "digits-dots-colons":
                    builder.Append(random.Next(3) switch { 0 => (char)('0' + random.Next(10)), 1 => '.', _ => ':' });
                    break;
                case "at-signs":
                    builder.Append(random.Next(3) == 0 ? "a.b" : "@");
                    break;
                case "base64":
                    // Random base64 with token prefixes planted inside: every prefix search fires, nothing may re-scan.
                    builder.Append(random.Next(200) == 0 ? "eyJ" : random.Next(200) == 0 ? "AKIA" : random.Next(200) == 0 ? "key=" : "");
                    builder.Append(base64[random.Next(64)]);
                    break;
                case "pem-headers":
                    builder.Append("-----BEGIN PRIVATE KEY-----\n");
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
            }
        }
        return builder.ToString(0, chars);
    }
}
