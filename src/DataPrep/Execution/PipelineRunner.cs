using System.Diagnostics;
using System.Text.Json;
using DataPrep.Configuration;
using DataPrep.IO;
using DataPrep.IO.Writers;
using DataPrep.Pipeline;

namespace DataPrep.Execution;

/// <summary>
/// Runs the phases of a <see cref="PipelineDefinition"/> on this machine. A map phase reads on its own
/// thread, runs per-document stages on all cores in ordered batches, runs stateful and corpus-wide
/// stages in order, and writes on its own thread; bounded channels between them bound memory. Each
/// phase part writes its stats, then its outputs (renamed into place), then a completion marker; a
/// rerun skips parts that have the marker.
/// </summary>
internal sealed class PipelineRunner
{
    private readonly PipelineDefinition _pipeline;
    private readonly IProgress<RunProgress>? _progress;
    private readonly OutputLayout _layout;
    private IReadOnlyList<InputFile>? _inputs;
    private bool _sweptAll;

    /// <summary>Creates a runner.</summary>
    /// <exception cref="PipelineConfigException">The pipeline has no output folder, or the output path is a file.</exception>
    public PipelineRunner(PipelineDefinition pipeline, IProgress<RunProgress>? progress = null)
    {
        _pipeline = pipeline;
        _progress = progress;
        var root = pipeline.Output.Path ?? throw new PipelineConfigException(null,
            [PipelineConfigException.Missing("output.path", "an output folder (in the config or with --output)")]);
        _layout = new OutputLayout(root);
        if (File.Exists(_layout.Root))
        {
            throw new PipelineConfigException(null, [OutputPathIsAFile(_layout.Root)]);
        }
    }

    /// <summary>The problem of an output path that names a file: a run writes a folder.</summary>
    public static ConfigProblem OutputPathIsAFile(string path) =>
        new("output.path", $"output path is a file: '{path}'. A run writes a folder (kept shards, rejected/, stats/, run.json): give a folder path.");

    /// <summary>The output layout.</summary>
    public OutputLayout Layout => _layout;

    /// <summary>Runs all phases for all shards (or one shard of an independent pipeline), then merges stats into <c>stats.json</c>.</summary>
    public async Task<PipelineStats> RunAsync(ShardSpec? shard, int worldSize, CancellationToken cancellationToken)
    {
        var world = shard?.WorldSize ?? worldSize;
        new ShardSpec(0, world).Validate();
        shard?.Validate();
        if (shard is not null && _pipeline.Phases.Count > 1)
        {
            var global = _pipeline.Stages.OfType<IGlobalStage>().First();
            throw new PipelineConfigException(null, [new ConfigProblem("--rank",
                $"stage '{global.Id}' needs the whole corpus, so one shard cannot run alone: run without --rank (all {world} shards here), " +
                "or run each phase as a job array (dataprep slurm submit).")]);
        }
        CheckRunFile(world, wholeRun: shard is null);
        if (shard is null)
        {
            // This process runs every part: whatever hidden temporary file is here was left by a killed run.
            SweepTemporaries(_layout, null);
            _sweptAll = true;
        }
        await PhaseScheduler.RunAsync(_pipeline.Phases, shard, world, _pipeline.Execution.EffectiveThreads, RunPhaseAsync, cancellationToken)
            .ConfigureAwait(false);
        if (shard is null)
        {
            // Every part is done, so none has a checkpoint left (tasks of a job array leave the empty hidden folder: another
            // task may be about to write into it).
            PartCheckpoint.RemoveFolderIfEmpty(_layout);
        }
        return MergeStats(_layout.Root);
    }

    /// <summary>Reads every per-part stats file under <paramref name="outputFolder"/>, merges them and writes <c>stats.json</c>
    /// from the merged result (the HTML view of it, <c>report.html</c>, is written by <c>Reports.RunReport</c> above this layer).</summary>
    public static PipelineStats MergeStats(string outputFolder)
    {
        var layout = new OutputLayout(outputFolder);
        // Run after every part finished: hidden temporaries are leftovers of killed attempts.
        TemporaryFiles.Sweep(layout.Root);
        var paths = Directory.Exists(layout.StatsFolder)
            ? Directory.GetFiles(layout.StatsFolder, "*.json").Where(f => !TemporaryFiles.IsHidden(Path.GetFileName(f))).Order(StringComparer.Ordinal).ToList()
            : [];
        var parts = new List<PipelineStats>(paths.Count);
        // Phases run one after another and the shards of a phase side by side: the run's wall time is the
        // sum over phases of each phase's longest shard (stats files are named p{phase}-rank-R.json). A plain loop,
        // not LINQ over (phase, stats) tuples, which ReadyToRun cannot precompile (bench/results/startup.md, Session 11).
        var longestByPhase = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var stats = PipelineStats.FromJson(File.ReadAllText(path));
            parts.Add(stats);
            var phase = Path.GetFileName(path).Split('-')[0];
            longestByPhase[phase] = longestByPhase.TryGetValue(phase, out var longest) ? Math.Max(longest, stats.WallSeconds) : stats.WallSeconds;
        }
        var wallSeconds = 0.0;
        foreach (var (_, longest) in longestByPhase)
        {
            wallSeconds += longest;
        }
        var merged = PipelineStats.Merge(parts);
        merged.WallSeconds = wallSeconds;
        AtomicFile.WriteAllText(layout.MergedStats, merged.ToJson());
        return merged;
    }

    /// <summary>Writes <c>run.json</c> (world size, stages, phases, input files, options) or checks that the folder's run
    /// is this one; for one shard of a job array (<paramref name="world"/> shards, this process runs one).</summary>
    /// <exception cref="PipelineConfigException">No input, input that matches nothing, or a folder holding another run.</exception>
    public void CheckRunFile(int world) => CheckRunFile(world, wholeRun: false);

    /// <summary>
    /// Checks, writing and reading no data, everything a run with <paramref name="world"/> shards checks before it starts:
    /// an input path that lists files, an output path that is not a file, and an output folder that is empty or holds
    /// this same run (unless <see cref="ExecutionOptions.ExistingOutput"/> says otherwise). What <c>dataprep validate</c> runs.
    /// </summary>
    /// <param name="world">Number of shards.</param>
    /// <param name="wholeRun">True when this process runs every shard (false for one task of a job array).</param>
    /// <exception cref="PipelineConfigException">What the run would refuse, with its config path.</exception>
    public void Preflight(int world, bool wholeRun = true)
    {
        var current = RunManifest.Of(_pipeline, world, ResolveInputs());
        var policy = _pipeline.Execution.ExistingOutput;
        if (policy == ExistingOutput.Overwrite && !wholeRun)
        {
            throw OverwriteOfOneShard();
        }
        if (File.Exists(_layout.RunManifest) && policy != ExistingOutput.Overwrite)
        {
            CheckSameRun(ReadManifest(), current, policy);
        }
    }

    private static PipelineConfigException OverwriteOfOneShard() => new(null, [new ConfigProblem("execution.existingOutput",
        "overwrite deletes the whole output folder, which other shards of a job array share: delete it before submitting instead.")]);

    private void CheckRunFile(int world, bool wholeRun)
    {
        var current = RunManifest.Of(_pipeline, world, ResolveInputs());
        var path = _layout.RunManifest;
        var policy = _pipeline.Execution.ExistingOutput;
        if (File.Exists(path))
        {
            if (policy == ExistingOutput.Overwrite)
            {
                if (!wholeRun)
                {
                    throw OverwriteOfOneShard();
                }
                _pipeline.Log.Warning("Deleting the previous run in {Output} (overwrite)", _layout.Root);
                Directory.Delete(_layout.Root, recursive: true);
            }
            else
            {
                if (CheckSameRun(ReadManifest(), current, policy))
                {
                    _pipeline.Log.Warning("Resuming {Output} although its input or options changed (force-resume)", _layout.Root);
                    AtomicFile.WriteAllText(path, current.ToJson());
                    // Checkpoints inside files describe the old input and options: those parts restart from their beginning.
                    PartCheckpoint.DeleteAll(_layout);
                }
                return;
            }
        }
        Directory.CreateDirectory(_layout.Root);
        AtomicFile.WriteAllText(path, current.ToJson());
    }

    private RunManifest ReadManifest()
    {
        try
        {
            return RunManifest.Read(_layout.RunManifest);
        }
        catch (JsonException e)
        {
            throw new PipelineConfigException(null, [new ConfigProblem("output.path",
                $"'{_layout.RunManifest}' cannot be read ({e.Message}), so what the folder holds is unknown: rerun with --overwrite to delete it, or use a new output folder.")]);
        }
    }

    // True when the run changed in input or options and the policy says to go on anyway.
    private bool CheckSameRun(RunManifest previous, RunManifest current, ExistingOutput policy)
    {
        var structural = previous.StructuralChanges(current);
        if (structural.Count > 0)
        {
            throw new PipelineConfigException(null, [new ConfigProblem("output.path",
                $"'{_layout.Root}' holds another run ({string.Join("; ", structural)}): its finished shards cannot be combined with this run's. " +
                "Rerun with --overwrite to delete it and start fresh, or use a new output folder.")]);
        }
        var changes = previous.InputAndOptionChanges(current);
        if (changes.Count == 0)
        {
            return false;
        }
        if (policy != ExistingOutput.ForceResume)
        {
            throw new PipelineConfigException(null, [new ConfigProblem("output.path",
                $"'{_layout.Root}' holds a run of other input or options: {string.Join("; ", changes)}. " +
                "Rerun with --overwrite to delete it and start fresh, or --force-resume to keep its finished shards and go on, or use a new output folder.")]);
        }
        _pipeline.Log.Warning("Changes since the folder's run: {Changes}", string.Join("; ", changes));
        return true;
    }

    // The input is listed once, before anything is read or written, so a path that matches nothing is a config error
    // and run.json records exactly the files the shards read.
    private IReadOnlyList<InputFile> ResolveInputs()
    {
        if (_inputs is not null)
        {
            return _inputs;
        }
        var input = _pipeline.Input;
        if (input.Path.Count == 0)
        {
            throw new PipelineConfigException(null, [PipelineConfigException.Missing("input.path", "input files (in the config or with --input)")]);
        }
        try
        {
            return _inputs = InputFiles.Expand(input.Path, Directory.GetCurrentDirectory());
        }
        catch (FileNotFoundException e)
        {
            throw new PipelineConfigException(null, [new ConfigProblem("input.path", e.Message)]);
        }
    }

    // A part removes only its own leftovers: other parts of a job array may be writing into the same folder right now.
    // Map parts own every name with their rank (kept parts, rejects, stats, markers, segment and dedup files of that
    // rank); reduce parts own names with their part number, and their own stats and marker.
    // Temporary files a part's checkpoint refers to are kept: the part resumes from them.
    private static void SweepTemporaries(OutputLayout layout, (PipelinePhase Phase, ShardSpec Shard)? part)
    {
        var root = layout.Root;
        var keep = PartCheckpoint.ReferencedFiles(layout);
        if (part is not { } owner)
        {
            TemporaryFiles.Sweep(root, keep: keep);
            return;
        }
        var rank = owner.Shard.FileStem;
        var token = owner.Phase.Kind == PhaseKind.Map ? rank : $"part-{owner.Shard.Rank:D5}";
        var stem = OutputLayout.Stem(owner.Phase.Index, owner.Shard);
        TemporaryFiles.Sweep(root, (folder, name) =>
            name.StartsWith(stem, StringComparison.Ordinal) || name.Contains(token, StringComparison.Ordinal)
            || Path.GetRelativePath(root, folder).Contains(token, StringComparison.Ordinal), keep);
    }

    /// <summary>Runs one part of one phase, unless its completion marker exists.</summary>
    public async Task RunPhaseAsync(PipelinePhase phase, ShardSpec shard, CancellationToken cancellationToken)
    {
        shard.Validate();
        var marker = _layout.DoneMarker(phase.Index, shard);
        var log = _pipeline.Log.ForContext("Rank", shard.Rank).ForContext("Phase", phase.Name);
        if (File.Exists(marker))
        {
            log.Information("Skipping {Phase} for shard {Shard}: already complete", phase.Name, shard.ToString());
            return;
        }
        if (!_sweptAll)
        {
            SweepTemporaries(_layout, (phase, shard));
        }
        FaultInjection.At(phase.Index, "start", cancellationToken);
        var stats = new PipelineStats();
        var watch = Stopwatch.StartNew();
        if (phase.Kind == PhaseKind.Reduce)
        {
            var stage = (IGlobalStage)_pipeline.Stages[phase.StageIndex - 1];
            var context = new StageContext(stage.Id, shard, stats.For(phase.StageIndex, stage.Id, $"reduce.{stage.ReduceSteps[phase.Step]}"),
                _pipeline.Log, NullRejectionSink.Instance, _layout.StageWorkFolder(phase.StageIndex, stage.Id))
            { Threads = _pipeline.Execution.EffectiveThreads };
            try
            {
                await stage.ReduceAsync(phase.Step, context, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException and not StageFailedException)
            {
                throw new StageFailedException(stage.Id, null, shard.ToString(), e);
            }
        }
        else
        {
            await RunMapAsync(phase, shard, stats, log, cancellationToken).ConfigureAwait(false);
        }
        FaultInjection.At(phase.Index, "commit", cancellationToken);
        stats.WallSeconds = watch.Elapsed.TotalSeconds;
        stats.GzipEngine = IO.Gzip.GzipEngine.Current.Name;
        AtomicFile.WriteAllText(_layout.StatsFile(phase.Index, shard), stats.ToJson());
        FaultInjection.At(phase.Index, "marker", cancellationToken);
        AtomicFile.WriteAllText(marker, $"{{\"phase\":\"{phase.Name}\",\"rank\":{shard.Rank},\"world_size\":{shard.WorldSize},\"seconds\":{watch.Elapsed.TotalSeconds:F3}}}\n");
        foreach (var entry in stats.Stages)
        {
            log.Information("{StageId}{Pass}: {DocsIn} in, {DocsOut} out, {Rejected} rejected, {Seconds:F2}s",
                entry.StageId, entry.IsDecisionPass ? "" : " " + entry.Pass, entry.Stats.Get(StageStats.DocsIn), entry.Stats.Get(StageStats.DocsOut),
                entry.Stats.Get(StageStats.DocsRejected), entry.Stats.Elapsed.TotalSeconds);
        }
    }

    private async Task RunMapAsync(PipelinePhase phase, ShardSpec shard, PipelineStats stats, Serilog.ILogger log, CancellationToken cancellationToken)
    {
        var stages = _pipeline.Stages;
        // A loop, not LINQ over (stage, index) tuples, which ReadyToRun cannot precompile (bench/results/startup.md, Session 11).
        var globals = new List<int>();
        for (var i = 0; i < stages.Count; i++)
        {
            if (stages[i] is IGlobalStage)
            {
                globals.Add(i);
            }
        }
        var segment = phase.Segment;
        var first = segment == 0 ? 0 : globals[segment - 1];          // a global stage's decision pass opens the segment
        var endGlobal = segment < globals.Count ? globals[segment] : -1; // its observe pass closes it
        var last = endGlobal >= 0 ? endGlobal - 1 : stages.Count - 1;
        var output = _pipeline.Output;
        var textField = output.TextField ?? _pipeline.Input.TextField;
        var idField = output.IdField ?? _pipeline.Input.IdField;
        var isFinal = endGlobal < 0;

        using var rejects = output.WriteRejected
            ? new RejectsWriter(_layout.RejectedFolder, OutputLayout.Stem(phase.Index, shard), output.Compression, output.CompressionLevel, output.RejectedText, textField)
            : null;
        IRejectionSink sink = rejects is null ? NullRejectionSink.Instance : rejects;
        var counters = new ProgressCounters();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = cts.Token;

        var checkpoints = PlanCheckpoints(phase, shard, first, last, isFinal, stats, rejects, log, token);
        var source = segment == 0
            ? ShardReader.Input(_pipeline, ResolveInputs(), phase.Index, shard, stats, sink, counters, token, checkpoints?.Barrier)
            : ShardReader.WorkFile(phase.Index, _layout.SegmentFile(segment - 1, shard), counters, token);
        var chain = new StageChain(source, shard, _pipeline.Execution, token);
        for (var i = first; i <= last; i++)
        {
            var stage = stages[i];
            chain.Then(stage, new StageContext(stage.Id, shard, stats.For(i + 1, stage.Id), _pipeline.Log, sink, _layout.StageWorkFolder(i + 1, stage.Id))
            { Threads = _pipeline.Execution.EffectiveThreads });
        }
        if (!isFinal)
        {
            var global = (IGlobalStage)stages[endGlobal];
            chain.ThenObserve(global, new StageContext(global.Id, shard, stats.For(endGlobal + 1, global.Id, "observe"), _pipeline.Log, sink,
                _layout.StageWorkFolder(endGlobal + 1, global.Id))
            { Threads = _pipeline.Execution.EffectiveThreads });
        }
        var kept = chain.Build();

        // Documents handed to the next segment are counted in a pass of their own: they are not kept yet.
        var outputStats = stats.For(stages.Count + 1, PipelineStats.OutputStageId, isFinal ? "" : "handoff");
        var writer = new ShardWriter(_layout, shard, outputStats, counters, cts);
        using var reporter = StartProgress(phase, counters);
        if (isFinal)
        {
            try
            {
                await writer.WriteKeptAsync(kept, output, idField, textField, _pipeline.Execution.EffectiveThreads, checkpoints?.Writer).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (checkpoints is not null && File.Exists(checkpoints.Path))
            {
                rejects?.Abandon();
                throw;
            }
            finally
            {
                checkpoints?.Barrier.Dispose();
            }
        }
        else
        {
            await writer.HandOffAsync(kept, _layout.SegmentFile(segment, shard)).ConfigureAwait(false);
        }
        rejects?.Complete();
        _progress?.Report(counters.Snapshot(phase.Name));
    }

    // A part checkpoints inside its input files when it reads input files, runs only per-document stages (whose
    // counters are all its state) and writes JSON Lines. Otherwise (corpus-wide or stateful stages, work-file input,
    // Parquet output) an interrupted part restarts from its beginning, as without checkpoints.
    private PartCheckpointing? PlanCheckpoints(PipelinePhase phase, ShardSpec shard, int first, int last, bool isFinal, PipelineStats stats,
        RejectsWriter? rejects, Serilog.ILogger log, CancellationToken cancellationToken)
    {
        var interval = (long)(_pipeline.Execution.CheckpointMegabytes * 1024 * 1024);
        var path = PartCheckpoint.PathFor(_layout, phase.Index, shard);
        string? why = interval <= 0 ? "checkpoints are off (execution.checkpointMegabytes: 0)"
            : phase.Segment != 0 ? "it reads a work file"
            : !isFinal ? $"stage '{_pipeline.Stages[last + 1].Id}' needs the whole corpus"
            : _pipeline.Output.Format != OutputFormat.Jsonl ? "its output is not JSON Lines"
            : Enumerable.Range(first, last - first + 1).FirstOrDefault(i => _pipeline.Stages[i] is not DocumentStage, -1) is var stateful and >= 0
                ? $"stage '{_pipeline.Stages[stateful].Id}' keeps state across documents"
                : null;
        if (why is not null)
        {
            PartCheckpoint.Delete(path);
            log.Debug("{Phase} for shard {Shard} takes no checkpoints inside files ({Why}): interrupted, it restarts from its beginning",
                phase.Name, shard.ToString(), why);
            return null;
        }
        var inputs = ResolveInputs();
        var resume = PartCheckpoint.TryRead(path);
        if (resume is not null && !resume.CanResume(inputs))
        {
            log.Warning("Checkpoint {Sequence} of {Phase} for shard {Shard} cannot be resumed (input changed or its files are gone): restarting the part",
                resume.Sequence, phase.Name, shard.ToString());
            resume = null;
        }
        if (resume is null)
        {
            PartCheckpoint.Delete(path);
        }
        else
        {
            stats.MergeFrom(resume.Stats);
            if (resume.Rejects is { } rejected)
            {
                rejects?.Resume(rejected, resume.RejectsCount);
            }
            var file = inputs.First(f => f.Ordinal == resume.Input.FileOrdinal);
            log.Information("Resuming {Phase} for shard {Shard} from checkpoint {Sequence}: {File} after line {Line}",
                phase.Name, shard.ToString(), resume.Sequence, file.DisplayPath, resume.Input.Line);
        }
        var barrier = new CheckpointBarrier(interval, resume?.Input);
        var sequence = resume?.Sequence ?? 0;
        void Take(IO.Readers.InputPosition at, DocumentWriterCheckpoint written, PendingDocuments pending)
        {
            // Nothing read after the mark is in flight (the reader waits for this), so the counters and rejects match it.
            var rejected = rejects?.Checkpoint();
            sequence++;
            var file = inputs.First(f => f.Ordinal == at.FileOrdinal);
            new PartCheckpoint(sequence, at, InputFileStamp.Of(file.Path), written, rejected, rejects?.Count ?? 0, pending, stats.ToJson()).Save(path);
            log.Debug("Checkpoint {Sequence} of {Phase} for shard {Shard}: {File} after line {Line}", sequence, phase.Name, shard.ToString(),
                file.DisplayPath, at.Line);
            FaultInjection.At(phase.Index, "checkpoint-" + sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
            barrier.Written();
        }
        return new PartCheckpointing(path, barrier,
            new WriterCheckpointing(resume?.Output, resume?.Pending ?? PendingDocuments.None, Take, () => PartCheckpoint.Delete(path)));
    }

    /// <summary>The checkpoints of one part: its file, the reader–writer handshake and the writer's side.</summary>
    private sealed record PartCheckpointing(string Path, CheckpointBarrier Barrier, WriterCheckpointing Writer);

    private IDisposable? StartProgress(PipelinePhase phase, ProgressCounters counters)
    {
        if (_progress is null)
        {
            return null;
        }
        return new Timer(_ => _progress.Report(counters.Snapshot(phase.Name)), null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));
    }
}
