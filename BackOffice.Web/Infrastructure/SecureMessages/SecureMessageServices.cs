namespace BackOffice.Web.Infrastructure.SecureMessages;

public static class SecureMessageServices
{
    /// <summary>The secure messages (seed 004): options, the senders' sessions, links, rate limits, intake and retention.</summary>
    public static IServiceCollection AddSecureMessages(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<SecureMessageOptions>().BindConfiguration(SecureMessageOptions.Section);
        services.AddSenderSessions(config);
        services.AddSecureMessageRateLimits();
        services.AddSingleton<SenderLinks>();
        services.AddScoped<Pages.Secure.MessageIntake>();
        services.AddScoped<Pages.Messages.Inbox>();
        services.AddScoped<Pages.Messages.MessageChanges>();
        services.AddScoped<INavigationCount, Pages.Messages.MessagesNavigationCount>();
        services.AddScoped<MessageRetention>();
        services.AddHostedService<MessageRetentionWorker>();
        return services;
    }
}
