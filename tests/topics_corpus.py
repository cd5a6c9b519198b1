"""A tiny corpus of three clear topics (four distinct stories each), written to a folder for the edit tests."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nlp.types import Analysis

THEMES: dict[str, list[str]] = {
    "harbour": [
        "The harbour authority approved the new container terminal on Monday.",
        "Dock workers expect the terminal to double the cargo handled each year.",
        "Cranes for the harbour arrive from a shipyard in Korea next spring.",
        "The mayor called the vote a turning point for the port city.",
        "Shipping lines welcomed the deeper berths planned for the harbour.",
        "Dredging of the channel will start once the permits are signed.",
        "Environmental groups warned that the dredging could harm the seagrass.",
        "The harbour board promised to monitor the water quality every week.",
        "Harbour pilots asked for two more tugboats before the terminal opens.",
        "Their union said larger ships need stronger tugs in winter storms.",
        "The port's director agreed to order the tugboats this autumn.",
        "Insurance companies had raised concerns about collisions near the quay.",
        "Cargo volumes at the harbour rose for the third year in a row.",
        "Exports of grain and timber led the growth at the container quays.",
        "Rail links to the harbour are being widened to carry the extra cargo.",
        "Freight companies hope the terminal will cut waiting times for trucks.",
    ],
    "orchestra": [
        "The city orchestra opened its season with a symphony by Sibelius.",
        "The conductor praised the strings after the long opening concert.",
        "Many listeners stood to applaud the brass in the final movement.",
        "The season also includes two premieres by local composers.",
        "Tickets for the orchestra's winter concerts sold out within a day.",
        "The box office added a matinee to meet the demand from families.",
        "Students will be offered cheap seats at every rehearsal this season.",
        "The orchestra's manager said sales had never been so strong.",
        "The symphony hall will host a festival of chamber music in June.",
        "Quartets from six countries are invited to play at the festival.",
        "The hall's acoustics were restored last year after a long renovation.",
        "Organisers plan open air concerts in the park beside the hall.",
        "A young violinist joined the orchestra as concertmaster this season.",
        "She studied at the conservatory and won a prize in Vienna.",
        "The conductor said her playing lifts the whole orchestra.",
        "Her first solo concert with the orchestra is planned for March.",
    ],
    "glacier": [
        "Scientists measured the glacier retreating faster than at any time on record.",
        "Satellite images show the ice front moved back two kilometres.",
        "The survey team blamed warmer summers and thinner winter snow.",
        "Their report will be presented at a climate conference in Geneva.",
        "Meltwater from the glacier has swollen the river in the valley below.",
        "Farmers along the river moved their cattle to higher pastures.",
        "Engineers are checking the dams downstream for signs of strain.",
        "The regional government opened an emergency shelter in the valley.",
        "A research team drilled ice cores from the glacier to study past climate.",
        "The deepest core reaches ice that formed eight thousand years ago.",
        "Bubbles trapped in the ice record the air of ancient winters.",
        "The cores will be stored in freezers at the university laboratory.",
        "Researchers placed sensors on the glacier to follow the flow of the ice.",
        "The sensors send their readings by radio every hour.",
        "Early data show the ice sliding faster after heavy rain.",
        "The team hopes to warn villages before the glacier's lake bursts.",
    ],
}


def write_topics_corpus(folder: Path) -> list[Path]:
    """Write twelve articles (three themes, four stories each) as text files; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for theme, sentences in THEMES.items():
        for number in range(4):
            chosen = sentences[4 * number : 4 * number + 4]
            title = f"{theme.capitalize()} report {number + 1}"
            path = folder / f"{theme}-{number + 1}.txt"
            path.write_text(title + "\n\n" + " ".join(chosen[:2]) + "\n\n" + " ".join(chosen[2:]) + "\n",
                            encoding="utf-8")
            paths.append(path)
    return paths


def analyse_topics_corpus(folder: Path) -> "Analysis":
    """Write the corpus into ``folder`` and analyse it with the default options."""
    from nlp.run.pipeline import analyze_paths

    return analyze_paths([str(p) for p in write_topics_corpus(folder)])
