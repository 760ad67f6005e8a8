using System.ComponentModel;
using DataPrep.Configuration;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Quality;

/// <summary>Options of <see cref="QualityClassifierFilter"/>.</summary>
public sealed record QualityClassifierOptions : IValidatableOptions
{
    /// <summary>Path of a model written by <c>dataprep quality train</c> (required). Relative paths resolve
    /// against the current folder, then the config file's folder.</summary>
    [Description("Path of a model written by 'dataprep quality train' (required); relative paths resolve against the current folder, then the config's folder.")]
    public string Model { get; init; } = "";

    /// <summary>Documents scoring below this are rejected. Default 0.5.</summary>
    [Description("Reject documents whose quality_score (0-1) is below this. Default {default}; 0 only annotates.")]
    public double Threshold { get; init; } = 0.5;

    /// <inheritdoc />
    public IEnumerable<OptionProblem> Validate()
    {
        // An unset model is reported when the stage is built (default options must validate for the
        // registry listing); a model path that cannot exist is reported here.
        if (Model.Length > 0 && Path.IsPathRooted(Model) && !File.Exists(Model))
        {
            yield return new OptionProblem("model", $"model file '{Model}' does not exist (train one with 'dataprep quality train').");
        }
        if (Threshold is < 0 or > 1)
        {
            yield return new OptionProblem("threshold", $"must be between 0 and 1 (got {Threshold}).");
        }
    }
}
