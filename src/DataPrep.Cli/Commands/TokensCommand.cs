using System.CommandLine;
using DataPrep.Documents;
using DataPrep.IO;
using DataPrep.IO.Readers;
using DataPrep.Pipeline;
using DataPrep.Reports;

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
        command.SetAction(parse =>
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
            var bad = new StageContext(InputReasons.StageId, ShardSpec.Single);
            var context = new InputContext(options, bad);
            IEnumerable<Document> Documents() => files.SelectMany(f => DocumentReaders.For(f, InputFormat.Auto).Read(f, context, CancellationToken.None));
            TokenRatioResult result;
            try
            {
                var report = new TokenRatioReport(new TokenRatioOptions { NormalizeNfc = parse.GetValue(nfc), ParallelField = parse.GetValue(parallelField)! });
                result = report.Run(parse.GetValue(tokenizers)!, Documents(), Directory.GetCurrentDirectory());
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException or InvalidDataException or NotSupportedException)
            {
                console.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.BadUsage;
            }
            console.Output.WriteLine(parse.GetValue(json) ? result.ToJson() : result.ToTable());
            if (parse.GetValue(html) is { } htmlPath)
            {
                DataPrep.IO.Writers.AtomicFile.WriteAllText(Path.GetFullPath(htmlPath), result.ToHtml());
            }
            var skipped = bad.Stats.Get(Stats.StageStats.DocsRejected);
            if (skipped > 0)
            {
                console.Error.WriteLine($"{skipped} input records could not be read (bad JSON, missing text field, ...) and were not counted.");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
