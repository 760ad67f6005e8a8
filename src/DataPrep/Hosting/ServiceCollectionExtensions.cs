using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataPrep.Hosting;

/// <summary>Registers DataPrep in a .NET host's service collection.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>Adds <see cref="DataPrepFactory"/> (singleton) and its <see cref="DataPrepOptions"/>.</summary>
    /// <example><code>services.AddDataPrep(o => o.StageAssemblies.Add(typeof(MyStage).Assembly));</code></example>
    public static IServiceCollection AddDataPrep(this IServiceCollection services, Action<DataPrepOptions>? configure = null)
    {
        var options = new DataPrepOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton<DataPrepFactory>(provider =>
            new DataPrepFactory(provider.GetRequiredService<DataPrepOptions>(), provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        return services;
    }
}
