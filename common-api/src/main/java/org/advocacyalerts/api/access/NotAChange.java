package org.advocacyalerts.api.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A POST that changes nothing (a dry run, a backtest) or whose record is kept elsewhere (statement
 * intake: the statement itself): not written to the audit log.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NotAChange {}
