namespace BackOffice.Web.Infrastructure.Email;

public static class EmailServices
{
    /// <summary>The outbox sender and its hosted loop; options are read from <c>Smtp</c> and <c>Outbox</c> when first used.</summary>
    public static IServiceCollection AddBackOfficeEmail(this IServiceCollection services)
    {
        services.AddOptions<SmtpOptions>().BindConfiguration("Smtp");
        services.AddOptions<OutboxOptions>().BindConfiguration("Outbox");
        services.AddSingleton<MailSeal>();
        services.AddSingleton<MailRenderer>();
        services.AddSingleton<OutboxSender>();
        services.AddHostedService<OutboxWorker>();
        return services;
    }
}
