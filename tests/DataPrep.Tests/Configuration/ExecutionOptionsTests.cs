using DataPrep.Configuration;

namespace DataPrep.Tests.Configuration;

public class ExecutionOptionsTests
{
    [Fact]
    public void ANegativeCheckpointIntervalIsAConfigErrorNamingItsPath()
    {
        var error = Assert.Throws<PipelineConfigException>(() => PipelineConfig.Parse("execution: { checkpointMegabytes: -1 }"));
        var problem = Assert.Single(error.Problems);
        Assert.Equal("execution.checkpointMegabytes", problem.Path);
        Assert.Contains("got -1", problem.Message);
    }

    [Fact]
    public void CheckpointsDefaultTo64MegabytesAndAcceptFractionsAndZero()
    {
        Assert.Equal(64, new ExecutionOptions().CheckpointMegabytes);
        Assert.Equal(0.25, PipelineConfig.Parse("execution: { checkpointMegabytes: 0.25 }").Execution.CheckpointMegabytes);
        Assert.Equal(0, PipelineConfig.Parse("execution: { checkpointMegabytes: 0 }").Execution.CheckpointMegabytes);
    }
}
