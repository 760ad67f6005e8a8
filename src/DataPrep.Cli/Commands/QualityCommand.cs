using System.CommandLine;
using System.Globalization;
using DataPrep.Configuration;
using DataPrep.Documents;
using DataPrep.IO;
using DataPrep.IO.Readers;
using DataPrep.Pipeline;
using DataPrep.Stages.Quality;

namespace DataPrep.Cli.Commands;

/// <summary><c>dataprep quality</c>: train a quality classifier; what-if report of a config's quality thresholds.</summary>
internal static class QualityCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("quality", "Quality tools: train a classifier (train), see what each threshold would drop (report).");
        command.Subcommands.Add(CreateTrain(console));
        command.Subcommands.Add(CreateReport(console));
        return command;
    }

    private static Command CreateTrain(CliConsole console)
    {
        var good = new Option<string[]>("--good") { Description = "Files, folders or globs of good documents (JSONL, Parquet, text).", Required = true, AllowMultipleArgumentsPerToken = true };
        var bad = new Option<string[]>("--bad") { Description = "Files, folders or globs of bad documents.", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out", "-o") { Description = "Model file to write.", Required = true };
        var textField = new Option<string>("--text-field") { Description = "Field holding the text.", DefaultValueFactory = _ => "text" };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training documents.", DefaultValueFactory = _ => 5 };
        var holdout = new Option<double>("--holdout") { Description = "Share of each class held out for precision/recall.", DefaultValueFactory = _ => 0.1 };
        var bits = new Option<int>("--bits") { Description = "Feature buckets are 2^bits (18-20).", DefaultValueFactory = _ => 20 };
        var seed = new Option<int>("--seed") { Description = "Seed of the held-out split and the shuffles.", DefaultValueFactory = _ => 20261128 };
        var maxDocs = new Option<int?>("--max-docs") { Description = "Read at most this many documents of each class." };
        var command = new Command("train", "Train a linear quality classifier (hashed char/word n-grams) on good vs bad documents; prints held-out precision and recall.")
        {
            good, bad, output, textField, epochs, holdout, bits, seed, maxDocs,
        };
        command.SetAction(parse =>
        {
            IReadOnlyList<InputFile> goodFiles, badFiles;
            try
            {
                goodFiles = InputFiles.Expand(parse.GetValue(good)!, Directory.GetCurrentDirectory());
                badFiles = InputFiles.Expand(parse.GetValue(bad)!, Directory.GetCurrentDirectory());
            }
            catch (FileNotFoundException e)
            {
                console.Error.WriteLine(e.Message);
                return ExitCodes.BadUsage;
            }
            var options = new QualityClassifierTrainingOptions
            {
                Epochs = parse.GetValue(epochs), Holdout = parse.GetValue(holdout), Bits = parse.GetValue(bits), Seed = parse.GetValue(seed),
            };
            var inputContext = new InputContext(new InputOptions { TextField = parse.GetValue(textField)! }, new StageContext(InputReasons.StageId, ShardSpec.Single));
            var limit = parse.GetValue(maxDocs) ?? int.MaxValue;
            try
            {
                var (model, metrics) = QualityClassifierTrainer.Train(Read(goodFiles, inputContext).Take(limit), Read(badFiles, inputContext).Take(limit), options);
                var path = Path.GetFullPath(parse.GetValue(output)!);
                model.Save(path);
                console.Output.WriteLine(metrics.ToString());
                console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model: {path} (2^{model.Bits} buckets, {model.NonZeroWeights} non-zero weights)"));
            }
            catch (Exception e) when (e is ArgumentException or InvalidDataException or NotSupportedException)
            {
                console.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.BadUsage;
            }
            ReportSkipped(console, inputContext);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateReport(CliConsole console)
    {
        var config = CommonOptions.ConfigArgument();
        var input = new Option<string[]>("--input", "-i") { Description = "Input files, folders or globs (replace input.path).", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string?>("--out", "-o") { Description = "Folder for report.json and report.html." };
        var samples = new Option<int>("--samples") { Description = "Sample document ids per rule and threshold.", DefaultValueFactory = _ => 5 };
        var maxDocs = new Option<long?>("--max-docs") { Description = "Read at most this many documents." };
        var command = new Command("report", "What-if report: for each quality rule and language, the share of documents each threshold around the configured one would drop.")
        {
            config, input, output, samples, maxDocs,
        };
        command.SetAction(parse =>
        {
            var loaded = CommonOptions.LoadConfig(parse.GetValue(config)!, console);
            if (loaded is null)
            {
                return ExitCodes.BadUsage;
            }
            var inputs = parse.GetValue(input);
            loaded.WithOverrides(inputs is { Length: > 0 } ? inputs : null, null, null, null);
            PipelineDefinition pipeline;
            IReadOnlyList<InputFile> files;
            try
            {
                pipeline = PipelineDefinition.FromConfig(loaded);
                if (pipeline.Input.Path.Count == 0)
                {
                    throw new PipelineConfigException(loaded.Source, [PipelineConfigException.Missing("input.path", "input files (in the config or with --input)")]);
                }
                files = InputFiles.Expand(pipeline.Input.Path, Directory.GetCurrentDirectory());
            }
            catch (PipelineConfigException e)
            {
                console.Error.WriteLine(e.Message);
                return ExitCodes.BadUsage;
            }
            catch (FileNotFoundException e)
            {
                console.Error.WriteLine($"Invalid input in {loaded.Source}: {e.Message}");
                return ExitCodes.BadUsage;
            }
            QualityWhatIfReport report;
            try
            {
                report = new QualityWhatIfReport(pipeline.Stages, new QualityWhatIfOptions { SamplesPerThreshold = parse.GetValue(samples) });
            }
            catch (ArgumentException e)
            {
                console.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.BadUsage;
            }
            var inputContext = new InputContext(pipeline.Input, new StageContext(InputReasons.StageId, ShardSpec.Single));
            var documents = Read(files, inputContext, pipeline.Input.Format);
            if (parse.GetValue(maxDocs) is { } limit)
            {
                documents = documents.Take((int)Math.Min(limit, int.MaxValue));
            }
            var result = report.Run(documents);
            console.Output.WriteLine(result.ToTable());
            if (parse.GetValue(output) is { } folder)
            {
                var full = Path.GetFullPath(folder);
                Directory.CreateDirectory(full);
                DataPrep.IO.Writers.AtomicFile.WriteAllText(Path.Combine(full, "report.json"), result.ToJson());
                DataPrep.IO.Writers.AtomicFile.WriteAllText(Path.Combine(full, "report.html"), result.ToHtml());
                console.Output.WriteLine($"wrote {Path.Combine(full, "report.json")} and report.html");
            }
            ReportSkipped(console, inputContext);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static IEnumerable<Document> Read(IReadOnlyList<InputFile> files, InputContext context, InputFormat format = InputFormat.Auto) =>
        files.SelectMany(f => DocumentReaders.For(f, format).Read(f, context, CancellationToken.None));

    private static void ReportSkipped(CliConsole console, InputContext context)
    {
        var skipped = context.Stage.Stats.Get(Pipeline.StageStats.DocsRejected);
        if (skipped > 0)
        {
            console.Error.WriteLine($"{skipped} input records could not be read (bad JSON, missing text field, ...) and were not counted.");
        }
    }
}
