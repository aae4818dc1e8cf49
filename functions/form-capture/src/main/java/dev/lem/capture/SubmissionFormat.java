package dev.lem.capture;

/** A plain HTML form post, or a fetch() post of JSON. */
public enum SubmissionFormat { FORM, JSON }
