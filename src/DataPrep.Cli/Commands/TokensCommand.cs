using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using DataPrep.Documents;
using DataPrep.IO;
using DataPrep.IO.Readers;
using DataPrep.Pipeline;
using DataPrep.Reports;
using DataPrep.Stages.Tokenization;
using Spectre.Console;

namespace DataPrep.Cli.Commands;

/// <summary><c>dataprep tokens</c>: the Korean token-ratio report for one or more tokenizers over a corpus.</summary>
internal static class TokensCommand
{
    public static Command Create(CliConsole console)
    {
        var tokenizers = new Option<string[]>("--tokenizer", "-t")
        {
            Description = "Encoding name (r50k_base, gpt2, cl100k_base, o200k_base) or path to a SentencePiece .model or tokenizer.json; repeat for more.",
            Required = true,
        };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON instead of a table." };
        var html = new Option<string?>("--html") { Description = "Also write an HTML page with a chart comparing the tokenizers." };
        var nfc = new Option<bool>("--nfc") { Description = "Compose text to NFC before tokenizing (the report warns when input holds decomposed Hangul)." };
        var textField = new Option<string>("--text-field") { Description = "Field holding the text.", DefaultValueFactory = _ => "text" };
        var parallelField = new Option<string>("--parallel-field") { Description = "Field holding the English side of parallel text.", DefaultValueFactory = _ => "text_en" };
        var inputs = new Argument<string[]>("input") { Description = "Files, folders or globs (JSONL, Parquet, text).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("tokens", "Korean share of tokens, fertility (tokens per character/eojeol/byte, Korean vs English) and byte-fallback rates per tokenizer.")
        {
            tokenizers, json, html, nfc, textField, parallelField, inputs,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Run(parse, console, cancellationToken, tokenizers, json, html, nfc, textField, parallelField, inputs)));
        return command;
    }

    private static int Run(ParseResult parse, CliConsole console, CancellationToken cancellationToken, Option<string[]> tokenizers, Option<bool> json,
        Option<string?> html, Option<bool> nfc, Option<string> textField, Option<string> parallelField, Argument<string[]> inputs)
    {
        IReadOnlyList<InputFile> files;
        try
        {
            files = InputFiles.Expand(parse.GetValue(inputs)!, Directory.GetCurrentDirectory());
        }
        catch (FileNotFoundException e)
        {
            console.Error.WriteLine(e.Message);
            return ExitCodes.BadUsage;
        }
        var options = new InputOptions { TextField = parse.GetValue(textField)! };
        var unread = new UnreadRecords();
        var context = new InputContext(options, new StageContext(InputReasons.StageId, ShardSpec.Single, rejections: unread));
        var progress = new ReadProgress(files.Count);
        IEnumerable<Document> Documents()
        {
            foreach (var file in files)
            {
                progress.File = file.DisplayPath;
                foreach (var document in DocumentReaders.For(file, InputFormat.Auto).Read(file, context, cancellationToken))
                {
                    progress.Count(document);
                    yield return document;
                }
                progress.FilesDone++;
            }
        }
        TokenRatioResult result;
        try
        {
            var report = new TokenRatioReport(new TokenRatioOptions { NormalizeNfc = parse.GetValue(nfc), ParallelField = parse.GetValue(parallelField)! });
            result = WithProgress(console, progress, () => report.Run(parse.GetValue(tokenizers)!, Documents(), Directory.GetCurrentDirectory()));
        }
        catch (Exception e) when (e is ArgumentException or FileNotFoundException or InvalidDataException or NotSupportedException)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadUsage;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.Error.WriteLine("interrupted; nothing was written");
            return ExitCodes.Interrupted;
        }
        if (parse.GetValue(json))
        {
            var report = JsonNode.Parse(result.ToJson())!.AsObject();
            report["unreadRecords"] = unread.ToJson();
            console.Output.WriteLine(report.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            console.Output.WriteLine(result.ToTable());
        }
        if (parse.GetValue(html) is { } htmlPath)
        {
            DataPrep.IO.Writers.AtomicFile.WriteAllText(Path.GetFullPath(htmlPath), result.ToHtml());
        }
        if (unread.Total > 0)
        {
            console.Error.WriteLine($"{unread.Total} input records could not be read and were not counted (rejection code and count per file):");
            foreach (var line in unread.Lines())
            {
                console.Error.WriteLine("  " + line);
            }
        }
        return ExitCodes.Ok;
    }

    // On a terminal, one live line: file, documents and MB read, documents/s; elsewhere nothing (stdout is the report).
    private static TokenRatioResult WithProgress(CliConsole console, ReadProgress progress, Func<TokenRatioResult> run)
    {
        if (!console.Interactive)
        {
            return run();
        }
        TokenRatioResult? result = null;
        console.Ansi.Status().Start("reading", status =>
        {
            using var timer = new Timer(_ => status.Status(progress.Describe()), null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));
            result = run();
        });
        return result!;
    }

    /// <summary>What the token report has read so far (updated by the reading thread, shown by a timer).</summary>
    internal sealed class ReadProgress(int files)
    {
        private readonly System.Diagnostics.Stopwatch _watch = System.Diagnostics.Stopwatch.StartNew();
        private long _documents;
        private long _bytes;

        public string File { get; set; } = "";

        public int FilesDone { get; set; }

        public void Count(Document document)
        {
            Interlocked.Increment(ref _documents);
            Interlocked.Add(ref _bytes, document.Utf8Length);
        }

        public string Describe()
        {
            var seconds = Math.Max(_watch.Elapsed.TotalSeconds, 1e-3);
            var documents = Interlocked.Read(ref _documents);
            return string.Create(CultureInfo.InvariantCulture,
                $"file {Math.Min(FilesDone + 1, files)}/{files} {Escape(File)}: {documents:N0} documents, {Interlocked.Read(ref _bytes) / 1048576.0:F1} MB, {documents / seconds:N0} docs/s");
        }

        private static string Escape(string text) => Spectre.Console.Markup.Escape(text);
    }
}
