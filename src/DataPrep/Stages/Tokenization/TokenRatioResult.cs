using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace DataPrep.Stages.Tokenization;

/// <summary>The outcome of a <see cref="TokenRatioReport"/>: one entry per tokenizer plus corpus counts and warnings,
/// printable as a console table, JSON, or a self-contained HTML page with an inline SVG chart (no network).</summary>
/// <param name="Tokenizers">One entry per tokenizer, in the order given.</param>
/// <param name="Corpus">Tokenizer-independent counts.</param>
/// <param name="Warnings">Things the reader must know (decomposed Hangul, empty input).</param>
/// <param name="NormalizedNfc">Whether text was normalised to NFC before counting.</param>
internal sealed record TokenRatioResult(
    IReadOnlyList<TokenRatioEntry> Tokenizers,
    TokenRatioCorpus Corpus,
    IReadOnlyList<string> Warnings,
    bool NormalizedNfc)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>JSON: <c>{ corpus, warnings, normalizedNfc, tokenizers: [ { name, totalTokens, ... } ] }</c>.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteBoolean("normalizedNfc", NormalizedNfc);
            json.WriteStartObject("corpus");
            json.WriteNumber("documents", Corpus.Documents);
            WriteMap(json, "documentsByLanguage", Corpus.DocumentsByLanguage);
            WriteMap(json, "wordsByLanguage", Corpus.WordsByLanguage);
            WriteMap(json, "charactersByLanguage", Corpus.CharactersByLanguage);
            json.WriteNumber("words", Corpus.Words);
            json.WriteNumber("hangulWords", Corpus.HangulWords);
            json.WriteNumber("koreanWordShareByLanguage", Corpus.KoreanWordShareByLanguage);
            json.WriteNumber("koreanWordShareByScript", Corpus.KoreanWordShareByScript);
            json.WriteNumber("letters", Corpus.Letters);
            json.WriteNumber("hangulLetters", Corpus.HangulLetters);
            json.WriteNumber("hangulLetterShare", Corpus.HangulLetterShare);
            json.WriteNumber("parallelPairs", Corpus.ParallelPairs);
            json.WriteNumber("decomposedHangulDocuments", Corpus.DecomposedHangulDocuments);
            json.WriteEndObject();
            json.WriteStartArray("warnings");
            foreach (var warning in Warnings)
            {
                json.WriteStringValue(warning);
            }
            json.WriteEndArray();
            json.WriteStartArray("tokenizers");
            foreach (var entry in Tokenizers)
            {
                json.WriteStartObject();
                json.WriteString("name", entry.Name);
                json.WriteNumber("vocabularySize", entry.VocabularySize);
                json.WriteNumber("totalTokens", entry.TotalTokens);
                json.WriteNumber("koreanShareByScript", entry.KoreanShareByScript);
                json.WriteNumber("koreanShareByLanguage", entry.KoreanShareByLanguage);
                WriteMap(json, "tokensByScript", entry.TokensByScript);
                WriteMap(json, "tokensByLanguage", entry.TokensByLanguage);
                json.WriteStartObject("fertility");
                WriteFertility(json, "ko", entry.Korean);
                WriteFertility(json, "en", entry.English);
                json.WriteEndObject();
                json.WriteStartObject("parallel");
                WriteFertility(json, "ko", entry.ParallelKorean);
                WriteFertility(json, "en", entry.ParallelEnglish);
                json.WriteNumber("koToEnTokenRatio", entry.ParallelKoreanToEnglish);
                json.WriteEndObject();
                json.WriteNumber("byteFallbackTokens", entry.ByteFallbackTokens);
                json.WriteNumber("byteFallbackRate", entry.ByteFallbackRate);
                json.WriteNumber("unknownTokens", entry.UnknownTokens);
                json.WriteNumber("unknownRate", entry.UnknownRate);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A fixed-width console table, one row per tokenizer, then corpus word shares and warnings.</summary>
    public string ToTable()
    {
        string[] header = ["tokenizer", "vocab", "tokens", "KO% script", "KO% lang", "KO tok/char", "KO tok/eojeol", "KO tok/byte",
            "EN tok/char", "EN tok/word", "EN tok/byte", "KO/EN parallel", "byte-fb %", "unk %"];
        var rows = Tokenizers.Select(e => new[]
        {
            e.Name,
            e.VocabularySize.ToString("N0", Invariant),
            e.TotalTokens.ToString("N0", Invariant),
            Percent(e.KoreanShareByScript),
            Percent(e.KoreanShareByLanguage),
            Number(e.Korean.TokensPerCharacter),
            Number(e.Korean.TokensPerWord),
            Number(e.Korean.TokensPerByte),
            Number(e.English.TokensPerCharacter),
            Number(e.English.TokensPerWord),
            Number(e.English.TokensPerByte),
            e.ParallelEnglish.Tokens == 0 ? "-" : Number(e.ParallelKoreanToEnglish),
            Percent(e.ByteFallbackRate),
            Percent(e.UnknownRate),
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        void Line(string[] cells)
        {
            for (var i = 0; i < cells.Length; i++)
            {
                text.Append(i == 0 ? cells[i].PadRight(widths[i]) : "  " + cells[i].PadLeft(widths[i]));
            }
            text.Append('\n');
        }
        Line(header);
        Line(widths.Select(w => new string('-', w)).ToArray());
        rows.ForEach(Line);
        text.Append('\n');
        text.Append(Invariant, $"documents: {Corpus.Documents:N0} (ko {Corpus.DocumentsByLanguage.GetValueOrDefault("ko"):N0}, en {Corpus.DocumentsByLanguage.GetValueOrDefault("en"):N0}, other {Corpus.DocumentsByLanguage.GetValueOrDefault("other"):N0}); parallel pairs: {Corpus.ParallelPairs:N0}\n");
        text.Append(Invariant, $"Korean share of whitespace words: {Percent(Corpus.KoreanWordShareByLanguage)} by document language, {Percent(Corpus.KoreanWordShareByScript)} containing Hangul; Hangul share of letters: {Percent(Corpus.HangulLetterShare)}\n");
        foreach (var warning in Warnings)
        {
            text.Append("warning: ").Append(warning).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>A self-contained HTML page: the table, corpus shares, warnings, and an inline SVG bar chart comparing
    /// Korean and English tokens per character, and the parallel Korean/English ratio.</summary>
    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Korean token ratio</title>\n");
        html.Append("<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}")
            .Append("td,th{padding:4px 8px;border-bottom:1px solid #ddd;text-align:right}td:first-child,th:first-child{text-align:left}")
            .Append(".warn{color:#a40}</style></head><body>\n");
        html.Append("<h1>Korean token ratio</h1>\n");
        html.Append(Invariant, $"<p>{Corpus.Documents:N0} documents (ko {Corpus.DocumentsByLanguage.GetValueOrDefault("ko"):N0}, en {Corpus.DocumentsByLanguage.GetValueOrDefault("en"):N0}, other {Corpus.DocumentsByLanguage.GetValueOrDefault("other"):N0}), {Corpus.ParallelPairs:N0} parallel pairs. ");
        html.Append(Invariant, $"Korean share of whitespace words: {Percent(Corpus.KoreanWordShareByLanguage)} by document language, {Percent(Corpus.KoreanWordShareByScript)} containing Hangul. Text {(NormalizedNfc ? "normalised to NFC" : "counted as given")}.</p>\n");
        foreach (var warning in Warnings)
        {
            html.Append("<p class=\"warn\">").Append(WebUtility.HtmlEncode(warning)).Append("</p>\n");
        }
        html.Append(Chart());
        html.Append("<table><thead><tr>");
        foreach (var h in new[] { "tokenizer", "vocab", "tokens", "KO % (script)", "KO % (language)", "KO tok/char", "KO tok/eojeol", "KO tok/byte", "EN tok/char", "EN tok/word", "EN tok/byte", "KO/EN parallel", "byte-fallback %", "unknown %" })
        {
            html.Append("<th>").Append(WebUtility.HtmlEncode(h)).Append("</th>");
        }
        html.Append("</tr></thead><tbody>\n");
        foreach (var e in Tokenizers)
        {
            html.Append("<tr><td>").Append(WebUtility.HtmlEncode(e.Name)).Append("</td>");
            foreach (var cell in new[]
            {
                e.VocabularySize.ToString("N0", Invariant), e.TotalTokens.ToString("N0", Invariant), Percent(e.KoreanShareByScript),
                Percent(e.KoreanShareByLanguage), Number(e.Korean.TokensPerCharacter), Number(e.Korean.TokensPerWord),
                Number(e.Korean.TokensPerByte), Number(e.English.TokensPerCharacter), Number(e.English.TokensPerWord),
                Number(e.English.TokensPerByte), e.ParallelEnglish.Tokens == 0 ? "-" : Number(e.ParallelKoreanToEnglish),
                Percent(e.ByteFallbackRate), Percent(e.UnknownRate),
            })
            {
                html.Append("<td>").Append(cell).Append("</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody></table>\n</body></html>\n");
        return html.ToString();
    }

    private string Chart()
    {
        // Grouped horizontal bars: Korean vs English tokens per character, and the parallel KO/EN ratio when present.
        var hasParallel = Tokenizers.Any(e => e.ParallelEnglish.Tokens > 0);
        var series = new List<(string Label, string Color, Func<TokenRatioEntry, double> Value)>
        {
            ("KO tokens/char", "#d9534f", e => e.Korean.TokensPerCharacter),
            ("EN tokens/char", "#337ab7", e => e.English.TokensPerCharacter),
        };
        if (hasParallel)
        {
            series.Add(("KO/EN tokens, parallel text", "#5cb85c", e => e.ParallelKoreanToEnglish));
        }
        const int labelWidth = 170, barArea = 520, barHeight = 14, gap = 10;
        var groupHeight = (series.Count * barHeight) + gap;
        var height = 40 + (Tokenizers.Count * groupHeight) + 20;
        var max = Math.Max(1e-9, Tokenizers.SelectMany(e => series.Select(s => s.Value(e))).DefaultIfEmpty(0).Max());
        var svg = new StringBuilder();
        svg.Append(Invariant, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{labelWidth + barArea + 80}\" height=\"{height}\" role=\"img\" aria-label=\"tokens per character by tokenizer\">\n");
        var x = labelWidth;
        for (var s = 0; s < series.Count; s++)
        {
            svg.Append(Invariant, $"<rect x=\"{x}\" y=\"8\" width=\"12\" height=\"12\" fill=\"{series[s].Color}\"/><text x=\"{x + 16}\" y=\"18\" font-size=\"12\">{WebUtility.HtmlEncode(series[s].Label)}</text>\n");
            x += 200;
        }
        for (var t = 0; t < Tokenizers.Count; t++)
        {
            var entry = Tokenizers[t];
            var y = 36 + (t * groupHeight);
            svg.Append(Invariant, $"<text x=\"{labelWidth - 6}\" y=\"{y + (series.Count * barHeight / 2) + 4}\" font-size=\"12\" text-anchor=\"end\">{WebUtility.HtmlEncode(entry.Name)}</text>\n");
            for (var s = 0; s < series.Count; s++)
            {
                var value = series[s].Value(entry);
                var width = value / max * barArea;
                svg.Append(Invariant, $"<rect x=\"{labelWidth}\" y=\"{y + (s * barHeight)}\" width=\"{width:F1}\" height=\"{barHeight - 2}\" fill=\"{series[s].Color}\"/>");
                svg.Append(Invariant, $"<text x=\"{labelWidth + width + 4:F1}\" y=\"{y + (s * barHeight) + 10}\" font-size=\"10\">{value:F2}</text>\n");
            }
        }
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void WriteMap(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, long> map)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            json.WriteNumber(key, value);
        }
        json.WriteEndObject();
    }

    private static void WriteFertility(Utf8JsonWriter json, string name, TokenRatioFertility f)
    {
        json.WriteStartObject(name);
        json.WriteNumber("documents", f.Documents);
        json.WriteNumber("tokens", f.Tokens);
        json.WriteNumber("characters", f.Characters);
        json.WriteNumber("words", f.Words);
        json.WriteNumber("bytes", f.Bytes);
        json.WriteNumber("tokensPerCharacter", f.TokensPerCharacter);
        json.WriteNumber("tokensPerWord", f.TokensPerWord);
        json.WriteNumber("tokensPerByte", f.TokensPerByte);
        json.WriteEndObject();
    }

    private static string Percent(double share) => (share * 100).ToString(share is > 0 and < 0.001 ? "0.0000" : "0.00", Invariant) + "%";

    private static string Number(double value) => value.ToString("0.000", Invariant);
}
