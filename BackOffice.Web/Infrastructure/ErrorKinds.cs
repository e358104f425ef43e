using BackOffice.Web.Infrastructure.Security;

namespace BackOffice.Web.Infrastructure;

/// <summary>What went wrong, as the error page and the API say it: the status, and the text's key.</summary>
public enum ErrorKind { Unexpected, DatabaseDown, NotFound, Forbidden, BadForm, BadInput, TooLarge, TooManyRequests }

/// <summary>
/// Sorts an unhandled exception or a status code into what a person is told. A value PostgreSQL refuses as data (SQLSTATE
/// class 22: a NUL, a number out of range) is the request's fault, 400, never a 500; a body over a limit found while
/// reading is 413; a database that does not answer is 503.
/// </summary>
public static class ErrorKinds
{
    public static (int Status, ErrorKind Kind) Of(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case Npgsql.PostgresException { SqlState: var state } when state.StartsWith("22", StringComparison.Ordinal):
                    return (StatusCodes.Status400BadRequest, ErrorKind.BadInput);
                case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                    return (StatusCodes.Status413PayloadTooLarge, ErrorKind.TooLarge);
                case BadHttpRequestException:
                    return (StatusCodes.Status400BadRequest, ErrorKind.BadInput);
                case Npgsql.NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException or TimeoutException:
                    return (StatusCodes.Status503ServiceUnavailable, ErrorKind.DatabaseDown);
            }
        }
        return (StatusCodes.Status500InternalServerError, ErrorKind.Unexpected);
    }

    /// <summary>A status the error page was re-executed for (or asked for in its address); anything not an error is "not found".</summary>
    public static (int Status, ErrorKind Kind) Of(int? code, RefusedInput refused) => (code, refused) switch
    {
        (_, RefusedInput.Character) => (StatusCodes.Status400BadRequest, ErrorKind.BadInput),
        (_, RefusedInput.TooLarge or RefusedInput.TooManyFields) => (StatusCodes.Status413PayloadTooLarge, ErrorKind.TooLarge),
        (400, _) => (400, ErrorKind.BadForm),
        (403, _) => (403, ErrorKind.Forbidden),
        (404, _) => (404, ErrorKind.NotFound),
        (413, _) => (413, ErrorKind.TooLarge),
        (429, _) => (429, ErrorKind.TooManyRequests),
        (503, _) => (503, ErrorKind.DatabaseDown),
        (null, _) => (500, ErrorKind.Unexpected),
        ( >= 400 and <= 599, _) => (code.Value, ErrorKind.Unexpected),
        _ => (404, ErrorKind.NotFound),
    };
}
