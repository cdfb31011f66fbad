package org.clusterio.io.s3;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the S3 client for a handler. The JDK's URL connection client keeps the dependencies (and the JBoss
 * modules to ship) small; retries are the SDK's standard mode, bounded by the configured number of attempts.
 */
final class S3Clients {

    private S3Clients() {
    }

    static S3Client create(S3Settings settings) {
        AwsCredentialsProvider credentials = settings.credentials()
                .<AwsCredentialsProvider>map(keys -> StaticCredentialsProvider.create(AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey())))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyleAccess())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(settings.connectTimeout())
                        .socketTimeout(settings.socketTimeout()))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(settings.maxAttempts()).build())
                        .build());
        if (settings.checksumsWhenRequired()) {
            builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
