package io.pendule.jobs.entity;

/**
 * Something of an imported file that Pendule does not do as the file asks, or does otherwise: {@code at} is where it
 * is in the file ({@code documents[0].spec.jobTemplate.spec.template.spec.containers[0].image}, {@code line 3}),
 * {@code job} the job it concerns (null for the file as a whole).
 */
public record ImportWarning(String at, String job, String message) {
}
