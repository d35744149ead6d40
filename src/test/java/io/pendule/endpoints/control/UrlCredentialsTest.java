package io.pendule.endpoints.control;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Credentials found in connection strings and URLs of many forms, and none where there are none. */
class UrlCredentialsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "postgresql://u:p@h/db",
            "postgres://monitor:s3cret@db1.internal:5432/app?sslmode=require",
            "mongodb+srv://u:p@cluster0.example.net/test",
            "mongodb://u:p@h1:27017,h2:27017/db?replicaSet=rs0",
            "mysql://root:pa%40ss@127.0.0.1:3306/app",
            "https://user:pass@example.com/api",
            "jdbc:postgresql://h/db?user=u&password=p",
            "jdbc:postgresql://h/db?sslpassword=p",
            "jdbc:mysql://h:3306/db?user=u&Password=p",
            "jdbc:sqlserver://h:1433;databaseName=app;user=u;password=p",
            "jdbc:oracle:thin:scott/tiger@db1:1521:ORCL",
            "jdbc:oracle:thin:scott/tiger@//db1:1521/svc",
            "Server=x;Password=y",
            "Driver={ODBC Driver 17 for SQL Server};Server=db1;Uid=u; Pwd=p;",
            "Server=x;Database=y;User Id=u;PWD=p",
            "https://api.example.com/v1?access_token=abc",
            "https://api.example.com/v1?x=1&api_key=abc",
            "https://api.example.com/v1?apikey=abc",
            "https://h/x?client_secret=abc",
            "https://h/x?pass%77ord=abc",
            "redis://:p@cache:6379/0",
            "user:password@tcp(127.0.0.1:3306)/dbname",
            "https://h/x?password=",
            "https://h/x?password=${secret:p}"})
    void credentialsAreFound(String url) {
        assertTrue(UrlCredentials.found(url).isPresent(), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "postgresql://h/db",
            "postgresql://monitor@db1:5432/app",
            "postgresql://[::1]:5432/app",
            "jdbc:postgresql://h:5432/db?user=monitor&sslmode=require&ApplicationName=pendule",
            "jdbc:oracle:thin:@db1:1521:ORCL",
            "jdbc:oracle:thin:@//db1:1521/svc",
            "jdbc:sqlserver://h:1433;databaseName=app;encrypt=true",
            "Server=x;Database=y;User Id=u;Trusted_Connection=yes",
            "mongodb://h1,h2/db?authSource=admin&authMechanism=SCRAM-SHA-256",
            "https://example.com/search?q=user@example.com",
            "https://example.com/a@b/c",
            "http://h:8080/health",
            "db1.internal:5432",
            "passfile=/etc/pgpass"})
    void noCredentialsAreFoundWhereThereAreNone(String url) {
        assertEquals(Optional.empty(), UrlCredentials.found(url), url);
    }

    @Test
    void theAnswerSaysWhichFormNeverTheValue() {
        String said = UrlCredentials.found("postgresql://u:TopSecret@h/db").orElseThrow();
        assertTrue(said.contains("user part") && !said.contains("TopSecret"), said);
        String parameter = UrlCredentials.found("Server=x;Password=TopSecret").orElseThrow();
        assertTrue(parameter.contains("Password=") && !parameter.contains("TopSecret"), parameter);
    }
}
