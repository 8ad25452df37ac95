/**
 * The risk role: composite 1–100 risk scores that explain themselves, market-risk analytics and
 * portfolio risk. The math lives in plain-Java subpackages that know nothing of Vert.x.
 */
package io.rwaprime.risk;
