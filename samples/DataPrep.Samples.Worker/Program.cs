using DataPrep.Hosting;
using DataPrep.Samples.Worker;

// dotnet run --project samples/DataPrep.Samples.Worker -- --input sample-data/docs.jsonl
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddDataPrep();
builder.Services.AddSingleton<DocumentQueue>();
builder.Services.AddHostedService<ScrubWorker>();
await builder.Build().RunAsync();
